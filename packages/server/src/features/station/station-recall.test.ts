import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { createTestContext, type TestContext } from "../../test/test-context";
import { barcode, buildStationRound, makeStation, postScans, type StationRound } from "./station-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;
let people: { id: string; household_id: string }[];

/**
 * People of a pooled tube that came back positive: sampled, then recalled. The recall rows are
 * written here as the lab's result would write them, so this file tests the station's side only.
 */
beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  people = await t.db
    .selectFrom("residents")
    .select(["id", "household_id"])
    .where("building_id", "=", round.place.a.building.id)
    .orderBy("id")
    .limit(3)
    .execute();
  const s = makeStation(round.campaignId, round.siteA);
  const pooled = barcode();
  const results = await postScans(t, registrar, s.stationId, [
    s.open(pooled),
    ...people.map((p) => s.bind(pooled, { residentId: p.id })),
    s.seal(pooled),
  ]);
  expect(results.every((r) => r.status === "applied")).toBe(true);
  const tube = await t.db
    .selectFrom("tubes")
    .select("id")
    .where("barcode", "=", pooled)
    .executeTakeFirstOrThrow();
  const samples = await t.db
    .selectFrom("samples")
    .select(["id", "resident_id", "household_id"])
    .where("tube_id", "=", tube.id)
    .execute();
  const tasks = new Map<string, string>();
  for (const sample of samples) {
    const household = sample.household_id as string;
    let taskId = tasks.get(household);
    if (!taskId) {
      taskId = newId();
      tasks.set(household, taskId);
      await t.db
        .insertInto("recall_tasks")
        .values({
          id: taskId,
          campaign_id: round.campaignId,
          household_id: household,
          tube_id: tube.id,
          reason: "positive",
        })
        .execute();
    }
    await t.db
      .insertInto("recalls")
      .values({
        id: newId(),
        task_id: taskId,
        campaign_id: round.campaignId,
        resident_id: sample.resident_id as string,
        sample_id: sample.id,
      })
      .execute();
  }
});
afterAll(() => t.close());

const recallOf = (residentId: string) =>
  t.db
    .selectFrom("recalls")
    .select(["status", "resample_id"])
    .where("resident_id", "=", residentId)
    .executeTakeFirstOrThrow();

describe("re-sampling recalled people at the station", () => {
  it("lists them apart in the station's offline copy", async () => {
    const res = await t.call(
      "GET",
      `/api/station/bootstrap?campaignId=${round.campaignId}&siteId=${round.siteA}`,
      { cookie: registrar },
    );
    const body = (await res.json()) as { sampledResidentIds: string[]; recalledResidentIds: string[] };
    expect(body.recalledResidentIds.sort()).toEqual(people.map((p) => p.id).sort());
    expect(body.sampledResidentIds).toEqual(expect.arrayContaining(body.recalledResidentIds));
  });

  it("refuses a recalled person in a pooled tube, even with an override", async () => {
    const [person] = people;
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { residentId: person?.id }),
      s.bind(tube, { residentId: person?.id, override: { reason: "复核" } }),
    ]);
    expect(results[1]).toMatchObject({ status: "rejected", code: "recall_single_tube" });
    expect(results[2]).toMatchObject({ status: "rejected", code: "recall_single_tube" });
    expect((await recallOf(person?.id as string)).status).toBe("open");
  });

  it("takes them into a single tube without an override and marks the recall re-sampled", async () => {
    const [, person] = people;
    const s = makeStation(round.campaignId, round.siteA);
    const single = barcode();
    const results = await postScans(t, registrar, s.stationId, [
      s.open(single, { single: true }),
      s.bind(single, { residentId: person?.id }),
    ]);
    expect(results[1]).toMatchObject({
      status: "applied",
      tube: { poolSize: 1, people: 1, status: "sealed" },
    });
    const recall = await recallOf(person?.id as string);
    const resample = await t.db
      .selectFrom("samples as s")
      .innerJoin("tubes as tb", "tb.id", "s.tube_id")
      .select("s.id")
      .where("tb.barcode", "=", single)
      .executeTakeFirstOrThrow();
    expect(recall).toEqual({ status: "resampled", resample_id: resample.id });

    // A second re-sample of the same person is an ordinary "already sampled" again.
    const again = barcode();
    const second = await postScans(t, registrar, s.stationId, [
      s.open(again, { single: true }),
      s.bind(again, { residentId: person?.id }),
    ]);
    expect(second[1]).toMatchObject({ status: "rejected", code: "already_sampled" });
  });

  it("puts the recall back to open when the re-sample is undone (scan by scan path)", async () => {
    const [, , person] = people;
    const s = makeStation(round.campaignId, round.siteA);
    const single = barcode();
    const first = await postScans(t, registrar, s.stationId, [
      s.open(single, { single: true }),
      s.bind(single, { residentId: person?.id }),
      s.undo(single),
    ]);
    expect(first.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(await recallOf(person?.id as string)).toEqual({ status: "open", resample_id: null });
    const again = await postScans(t, registrar, s.stationId, [s.bind(single, { residentId: person?.id })]);
    expect(again[0]).toMatchObject({ status: "applied" });
    expect((await recallOf(person?.id as string)).status).toBe("resampled");
  });
});
