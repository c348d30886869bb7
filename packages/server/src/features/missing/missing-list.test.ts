/**
 * The missing list of a grid against a recount in plain SQL, after random evenings of scans at the
 * station, undone bindings, calls, exemptions given and taken back, and residents moving out and
 * back: it must always be exactly registry − sampled − exempted. Also who sees which grid.
 */
import type { Dashboard } from "@shequ/core/dashboard-schema";
import { CONTACT_OUTCOMES, EXEMPTION_REASONS } from "@shequ/core/missing-schema";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import { foldAllQueued } from "../command/fold-samples";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { getMissing, recount, residentsInWalkingOrder, viewIds } from "./missing-test-kit";

let t: TestContext;
let round: StationRound;
let workerA: string;
let workerB: string;
let registrar: string;
let gridA: string[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  workerA = (await t.signIn("grid_worker", round.place.a.grid.id)).cookie;
  workerB = (await t.signIn("grid_worker", round.other.grid.id)).cookie;
  registrar = (await t.signIn("registrar", round.place.a.subdistrict.id)).cookie;
  gridA = await residentsInWalkingOrder(t, round.place.a.grid.id);
});
afterAll(() => t.close());

describe("who sees which grid", () => {
  it("opens a grid worker's own grid in walking order, with the slot each household missed", async () => {
    const list = await getMissing(t, workerA, round.campaignId);
    expect(list.grid?.id).toBe(round.place.a.grid.id);
    expect(list.counts).toEqual({ missing: 81, exempted: 0, previous: 0 });
    expect(list.total).toBe(81);
    expect(list.items.map((p) => p.residentId)).toEqual(gridA);
    expect(list.grids.map((g) => g.id)).toEqual([round.place.a.grid.id]);
    const first = list.items[0];
    expect(first).toMatchObject({ buildingName: "1号楼", unitName: "1单元", door: "101", status: "active" });
    expect(first?.slot?.siteName).toBe("一号楼采集点");
    // Masked like every list: a surname and stars, a phone with its middle hidden.
    expect(first?.name).toMatch(/\*/);
    expect(first?.phone).toMatch(/^138\*{4}\d{4}$/);
    const bedridden = list.items.find((p) => p.flags.includes("bedridden"));
    expect(bedridden?.homeRun).not.toBeNull();
  });

  it("answers 404 for another grid, and for a grid outside the round", async () => {
    await getMissing(t, workerB, round.campaignId, { gridId: round.place.a.grid.id }, 404);
    const own = await getMissing(t, workerB, round.campaignId);
    expect(own.counts.missing).toBe(5);
    const res = await t.call("POST", `/api/campaigns/${round.campaignId}/missing/${gridA[0]}/reveal`, {
      cookie: workerB,
    });
    expect(res.status).toBe(404);
  });

  it("lets a subdistrict officer pick among the round's grids, with their missing counts", async () => {
    const list = await getMissing(t, round.officer, round.campaignId);
    expect(list.grid).toBeNull();
    expect(list.items).toEqual([]);
    // In the tree's order (communities by their sort keys): compare as a set.
    expect(new Map(list.grids.map((g) => [g.id, g.missing]))).toEqual(
      new Map([
        [round.place.a.grid.id, 81],
        [round.other.grid.id, 5],
      ]),
    );
  });

  it("finds people by door, by the start of a name, and by building", async () => {
    const byDoor = await getMissing(t, workerA, round.campaignId, { q: "102" });
    expect(byDoor.items.map((p) => `${p.buildingName} ${p.door}`)).toEqual([
      "1号楼 102",
      "1号楼 102",
      "2号楼 102",
      "2号楼 102",
    ]);
    const someone = await t.db
      .selectFrom("residents")
      .select(["id", "name"])
      .where("id", "=", gridA[5] as string)
      .executeTakeFirstOrThrow();
    const byName = await getMissing(t, workerA, round.campaignId, { q: someone.name });
    expect(byName.items.map((p) => p.residentId)).toEqual([someone.id]);
    expect(byName.counts.missing).toBe(81);
    const byBuilding = await getMissing(t, workerA, round.campaignId, { q: "2号楼" });
    expect(byBuilding.total).toBe(40);
  });
});

type Step =
  | { kind: "bind" | "moveOut" | "moveIn" | "unexempt"; person: number }
  | { kind: "undo" }
  | { kind: "contact"; person: number; outcome: (typeof CONTACT_OUTCOMES)[number] }
  | { kind: "exempt"; person: number; reason: (typeof EXEMPTION_REASONS)[number] };

// Mostly the first few people of the grid, so the same person is sampled, exempted, undone, moved.
const personArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 80 }));
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("bind" as const), person: personArb }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant("undo" as const) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("contact" as const),
      person: personArb,
      outcome: fc.constantFrom(...CONTACT_OUTCOMES),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("exempt" as const),
      person: personArb,
      reason: fc.constantFrom(...EXEMPTION_REASONS),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("unexempt" as const), person: personArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("moveOut" as const), person: personArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("moveIn" as const), person: personArb }), weight: 1 },
);

describe("the missing list", () => {
  it("is exactly registry − sampled − exempted after any mix of scans, undos, calls and exemptions", async () => {
    const c = round.campaignId;
    const station = makeStation(c, round.siteA);
    let lastTube = "";
    const statuses = new Set<string>();
    const play = async (step: Step) => {
      const id = "person" in step ? (gridA[step.person] as string) : "";
      if (step.kind === "bind") {
        lastTube = barcode();
        await postScans(t, registrar, station.stationId, [
          station.open(lastTube),
          station.bind(lastTube, { residentId: id }),
        ]);
        return;
      }
      if (step.kind === "undo") {
        if (lastTube) await postScans(t, registrar, station.stationId, [station.undo(lastTube)]);
        return;
      }
      const call =
        step.kind === "contact"
          ? t.call("POST", `/api/campaigns/${c}/missing/${id}/contacts`, {
              cookie: workerA,
              json: { outcome: step.outcome, place: "兰州市第一人民医院" },
            })
          : step.kind === "exempt"
            ? t.call("PUT", `/api/campaigns/${c}/exemptions/${id}`, {
                cookie: workerA,
                json: { reason: step.reason, place: "外地", note: "本人告知" },
              })
            : step.kind === "unexempt"
              ? t.call("DELETE", `/api/campaigns/${c}/exemptions/${id}`, { cookie: workerA })
              : t.call("POST", `/api/residents/${id}/${step.kind === "moveOut" ? "move-out" : "move-in"}`, {
                  cookie: workerA,
                  json: {},
                });
      const res = await call;
      const body = (await res.json()) as { error?: { details?: { code?: string } } };
      // Refusals are part of the evening (a sampled person cannot be exempted); errors are not.
      expect([200, 201, 404, 409]).toContain(res.status);
      statuses.add(`${step.kind} ${res.status} ${body.error?.details?.code ?? ""}`.trim());
    };

    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 3, maxLength: 14 }), async (steps) => {
        for (const step of steps) await play(step);
        const truth = await recount(t, c, round.place.a.grid.id);
        const missing = await viewIds(t, workerA, c, round.place.a.grid.id, "missing");
        const exempted = await viewIds(t, workerA, c, round.place.a.grid.id, "exempted");
        expect([...missing].sort()).toEqual(truth.missing);
        expect([...exempted].sort()).toEqual(truth.exempted);
        // Still in walking order.
        expect(missing).toEqual(gridA.filter((id) => truth.missing.includes(id)));
        const list = await getMissing(t, workerA, c);
        expect(list.counts).toMatchObject({ missing: truth.missing.length, exempted: truth.exempted.length });
        // Once the folder has run, the dashboard's rollups agree with the list on who is sampled
        // and who is exempted.
        await foldAllQueued(t.db);
        const grid = await expectJson<Dashboard>(
          await t.call("GET", `/api/campaigns/${c}/dashboard?regionId=${round.place.a.grid.id}`, {
            cookie: round.officer,
          }),
          200,
        );
        expect(grid.region).toMatchObject({ sampled: truth.sampled.length, exempted: truth.exempted.length });
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 0) || 12,
        // One evening that surely does each thing the checks below expect, before the random ones.
        examples: [
          [
            [
              { kind: "exempt", person: 70, reason: "away" },
              { kind: "unexempt", person: 70 },
              { kind: "moveOut", person: 71 },
              { kind: "moveIn", person: 71 },
              { kind: "bind", person: 72 },
              { kind: "contact", person: 72, outcome: "reached_by_phone" },
            ],
          ],
        ],
      },
    );
    // The evenings did what they are meant to: calls refused for sampled people, exemptions undone.
    expect(statuses).toContain("contact 409 already_sampled");
    expect([...statuses].some((s) => s.startsWith("unexempt 200"))).toBe(true);
    expect([...statuses].some((s) => s.startsWith("moveOut 200"))).toBe(true);
  });
});
