import type { Dashboard } from "@shequ/core/dashboard-schema";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { foldAllQueued } from "./fold-samples";

let t: TestContext;
let round: StationRound;
let registrar: string;
let pool: { id: string }[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  pool = await t.db
    .selectFrom("residents")
    .select(["id"])
    .where("building_id", "=", round.place.a.building.id)
    .orderBy("id")
    .execute();
});
afterAll(() => t.close());

const dashboard = async (cookie: string, regionId?: string) => {
  const q = regionId ? `?regionId=${regionId}` : "";
  return expectJson<Dashboard>(
    await t.call("GET", `/api/campaigns/${round.campaignId}/dashboard${q}`, { cookie }),
    200,
  );
};

describe("the live dashboard", () => {
  it("counts each scanned resident once, at every level, a moment after the scans, and takes an undone binding back out", async () => {
    const officer = round.officer;
    const before = await dashboard(officer);
    expect(before.region).toMatchObject({ level: "subdistrict", expected: 86, sampled: 0, missing: 86 });
    const expectedOf = (id: string) => before.children.find((c) => c.id === id)?.expected;
    expect(expectedOf(round.place.a.community.id)).toBe(81);
    expect(expectedOf(round.other.community.id)).toBe(5);

    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    const again = barcode();
    const [first, second, third] = pool;
    if (!first || !second || !third) throw new Error("no residents");
    await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { residentId: first.id }),
      s.bind(tube, { residentId: second.id }),
      s.bind(tube, { residentId: third.id }),
      s.undo(tube),
      // The same person sampled a second time by a deliberate override covers nobody new.
      s.open(again),
      s.bind(again, { residentId: first.id, override: { reason: "样本污染，重采" } }),
    ]);

    // Scans do not wait for the rollups: until the fold, the figures say what they do not hold yet.
    const queued = await dashboard(officer);
    expect(queued.region).toMatchObject({ sampled: 0, missing: 86 });
    expect(queued.pending.samples).toBe(4); // four bound (one of them undone since)
    expect(Date.parse(queued.asOf) - Date.parse(queued.pending.oldestAt ?? "")).toBeGreaterThanOrEqual(0);

    expect(await foldAllQueued(t.db)).toBe(5); // four written, one undone
    const after = await dashboard(officer);
    expect(after.pending).toEqual({ samples: 0, oldestAt: null });
    expect(after.region).toMatchObject({ sampled: 2, missing: 84 });
    const community = after.children.find((c) => c.id === round.place.a.community.id);
    expect(community).toMatchObject({ sampled: 2, expected: 81, missing: 79 });
    expect(after.hours.reduce((n, h) => n + h.sampled, 0)).toBe(2);
    const point = after.points.find((p) => p.id === round.siteA);
    // The point did three live samples (the undone one does not count): its load, not coverage.
    expect(point?.hours.reduce((n, h) => n + h.samples, 0)).toBe(3);

    const grid = await dashboard(officer, round.place.a.grid.id);
    expect(grid.region).toMatchObject({ level: "grid", sampled: 2, expected: 81 });
    expect(grid.trail.map((r) => r.level)).toEqual(["subdistrict", "community", "grid"]);
    expect(grid.children.map((c) => [c.name, c.sampled])).toEqual([
      ["1号楼", 2],
      ["2号楼", 0],
    ]);
    // Only the points serving the grid, the busiest first; a building shows its own point, and a
    // point serving a whole community shows in each of its buildings.
    expect(grid.points.map((p) => p.id)).toEqual([round.siteA, round.siteB]);
    expect((await dashboard(officer, round.place.b.building.id)).points.map((p) => p.id)).toEqual([
      round.siteB,
    ]);
    expect((await dashboard(officer, round.other.building.id)).points.map((p) => p.id)).toEqual([
      round.siteOther,
    ]);
  });

  it("knows a round's expected people even when scans came before anyone looked", async () => {
    const late = await buildStationRound(t);
    const s = makeStation(late.campaignId, late.siteA);
    const tube = barcode();
    const [person] = await t.db
      .selectFrom("residents")
      .select("id")
      .where("building_id", "=", late.place.a.building.id)
      .limit(1)
      .execute();
    const own = (await t.signIn("registrar", late.place.a.community.id)).cookie;
    await postScans(t, own, s.stationId, [s.open(tube), s.bind(tube, { residentId: person?.id })]);
    await foldAllQueued(t.db);
    const res = await t.call("GET", `/api/campaigns/${late.campaignId}/dashboard`, { cookie: late.officer });
    const view = await expectJson<Dashboard>(res, 200);
    expect(view.region).toMatchObject({ expected: 86, sampled: 1, missing: 85 });
    expect(view.children).toHaveLength(2);
  });

  it("agrees with a full recount from raw samples, and a recount repairs a damaged rollup", async () => {
    const res = await t.call("POST", `/api/campaigns/${round.campaignId}/coverage/reconcile`, {
      cookie: round.officer,
    });
    expect(await expectJson(res, 200)).toMatchObject({ corrected: 0 });
    await sql`update coverage_counts set sampled = sampled + 7 where campaign_id = ${round.campaignId}
      and region_id = ${round.place.a.grid.id}`.execute(t.db);
    const fixed = await t.call("POST", `/api/campaigns/${round.campaignId}/coverage/reconcile`, {
      cookie: round.officer,
    });
    expect(await expectJson(fixed, 200)).toMatchObject({ corrected: 1 });
    expect((await dashboard(round.officer, round.place.a.grid.id)).region.sampled).toBe(2);
  });

  it("starts a community's secretary at their community and hides the rest of the round", async () => {
    const other = (await t.signIn("community_secretary", round.other.community.id)).cookie;
    const own = await dashboard(other);
    expect(own.region).toMatchObject({ id: round.other.community.id, expected: 5 });
    expect(own.trail.map((r) => r.id)).toEqual([round.other.community.id]);
    expect(own.points.map((p) => p.id)).toEqual([round.siteOther]);
    const denied = await t.call(
      "GET",
      `/api/campaigns/${round.campaignId}/dashboard?regionId=${round.place.a.grid.id}`,
      {
        cookie: other,
      },
    );
    expect(denied.status).toBe(404);
  });
});
