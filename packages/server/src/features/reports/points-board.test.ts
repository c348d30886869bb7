import type { BoardPoint, PointsBoard } from "@shequ/core/report-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../db/retry";
import { createTestContext, type TestContext } from "../../test/test-context";
import { boxLabel } from "../boxes/box-test-kit";
import { foldExemptions } from "../command/fold-exemptions";
import { foldAllQueued } from "../command/fold-samples";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
});
afterAll(() => t.close());

const board = async (cookie: string, regionId?: string) => {
  const q = regionId ? `?regionId=${regionId}` : "";
  return expectJson<PointsBoard>(
    await t.call("GET", `/api/campaigns/${round.campaignId}/points${q}`, { cookie }),
    200,
  );
};
const point = (b: PointsBoard, id: string) => b.points.find((p) => p.id === id) as BoardPoint;

/** Residents of a building: the walkers first, the bedridden ones last. */
async function residentsOf(buildingId: string) {
  const rows = await t.db
    .selectFrom("residents")
    .select(["id", "flags"])
    .where("building_id", "=", buildingId)
    .orderBy("id")
    .execute();
  return {
    walkers: rows.filter((r) => r.flags.length === 0).map((r) => r.id),
    bedridden: rows.filter((r) => r.flags.includes("bedridden")).map((r) => r.id),
  };
}

describe("the points board", () => {
  it("shows each point's load of the last minutes, its tubes and boxes waiting and home runs left", async () => {
    const a = await residentsOf(round.place.a.building.id);
    const b = await residentsOf(round.place.b.building.id);
    const now = Date.now();
    const recent = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const person = (id: string | undefined, minutesAgo = 2) => ({ residentId: id, at: recent(minutesAgo) });

    const before = await board(round.officer);
    expect(point(before, round.siteA)).toMatchObject({
      state: "idle",
      samples: 0,
      homeRuns: 1,
      homeRunsLeft: 1,
    });

    // Point A: a tube of three sealed and packed into a sealed box, one open tube of two, and a
    // sealed tube holding the bedridden resident sampled at home.
    const s = makeStation(round.campaignId, round.siteA);
    const [boxed, open, home] = [barcode(), barcode(), barcode()];
    const w = a.walkers;
    await postScans(t, registrar, s.stationId, [
      s.open(boxed, { at: recent(3) }),
      s.bind(boxed, person(w[0])),
      s.bind(boxed, person(w[1])),
      s.bind(boxed, person(w[2])),
      s.seal(boxed),
    ]);
    const box = await expectJson<{ id: string }>(
      await t.call("POST", "/api/boxes", {
        cookie: registrar,
        json: { campaignId: round.campaignId, siteId: round.siteA, barcode: boxLabel() },
      }),
      201,
    );
    await expectJson(
      await t.call("POST", `/api/boxes/${box.id}/tubes`, { cookie: registrar, json: { barcode: boxed } }),
      200,
    );
    await expectJson(await t.call("POST", `/api/boxes/${box.id}/seal`, { cookie: registrar }), 200);
    const results = await postScans(t, registrar, s.stationId, [
      s.open(open, { at: recent(1) }),
      s.bind(open, person(w[3], 1)),
      s.bind(open, person(w[4], 1)),
      s.open(home, { at: recent(1) }),
      s.bind(home, person(a.bedridden[0], 1)),
      s.bind(home, person(w[5], 1)),
      s.seal(home),
    ]);
    expect(results.map((r) => r.status)).toEqual(results.map(() => "applied"));

    // Point B: one person now, and one with a station clock far off (2030): not "the last 15 minutes".
    const sb = makeStation(round.campaignId, round.siteB);
    const late = barcode();
    await postScans(t, registrar, sb.stationId, [
      sb.open(late, { at: recent(1) }),
      sb.bind(late, person(b.walkers[0], 1)),
      sb.bind(late, { residentId: b.walkers[1] }),
    ]);

    await foldAllQueued(t.db); // the server's folder, a moment after the scans
    const after = await board(round.officer);
    expect(after.points.map((p) => p.id)).toEqual([round.siteA, round.siteB, round.siteOther]);
    const pa = point(after, round.siteA);
    // 2 lanes × 10 an hour take 3.3 to 5 people in the 10–15 minutes of the window: 7 is far over.
    expect(pa).toMatchObject({
      samples: 7,
      state: "over",
      tubesOpen: 1,
      tubesSealed: 1,
      boxesPacking: 0,
      boxesSealed: 1,
      homeRuns: 1,
      homeRunsLeft: 0,
      homePeopleLeft: 0,
    });
    expect(pa.load).toBeCloseTo(7 / pa.capacity);
    expect(pa.capacity).toBeCloseTo((2 * 10 * after.windowMinutes) / 60);
    expect(pa.lastSampleAt).not.toBeNull();
    expect(point(after, round.siteB)).toMatchObject({
      samples: 1,
      state: "ok",
      tubesOpen: 1,
      tubesSealed: 0,
      homeRunsLeft: 1,
      homePeopleLeft: 1,
    });
    expect(point(after, round.siteOther)).toMatchObject({ samples: 0, state: "idle", tubesOpen: 0 });
  });

  it("takes a home run off the board when its last homebound resident is exempted", async () => {
    const b = await residentsOf(round.place.b.building.id);
    const residentIds = b.bedridden;
    await inTransaction(t.db, async (trx) => {
      await trx
        .insertInto("exemptions")
        .values(
          residentIds.map((id) => ({
            campaign_id: round.campaignId,
            resident_id: id,
            reason: "hospitalised",
          })),
        )
        .execute();
      await foldExemptions(trx, { campaignId: round.campaignId, residentIds, sign: 1 });
    });
    expect(point(await board(round.officer), round.siteB)).toMatchObject({ homeRuns: 1, homeRunsLeft: 0 });
  });

  it("shows a community's secretary only the points serving their community", async () => {
    const secretary = (await t.signIn("community_secretary", round.other.community.id)).cookie;
    const own = await board(secretary);
    expect(own.region.id).toBe(round.other.community.id);
    expect(own.points.map((p) => p.id)).toEqual([round.siteOther]);
    const denied = await t.call(
      "GET",
      `/api/campaigns/${round.campaignId}/points?regionId=${round.place.a.community.id}`,
      { cookie: secretary },
    );
    expect(denied.status).toBe(404);
    // The officer narrows the board to the small community: its two points, and its grid to go on.
    const narrowed = await board(round.officer, round.place.a.community.id);
    expect(narrowed.points.map((p) => p.id).sort()).toEqual([round.siteA, round.siteB].sort());
    expect(narrowed.children.map((c) => c.id)).toEqual([round.place.a.grid.id]);
    expect(narrowed.trail.map((r) => r.level)).toEqual(["subdistrict", "community"]);
  });
});
