import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "./station-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;
let residents: string[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  const rows = await t.db
    .selectFrom("residents")
    .select("id")
    .where("building_id", "=", round.place.b.building.id)
    .orderBy("id")
    .execute();
  residents = rows.map((r) => r.id);
});
afterAll(() => t.close());

describe("station tube rules", () => {
  it("takes no one into a tube sealed early, and lets an override with a reason reopen it", async () => {
    const s = makeStation(round.campaignId, round.siteB);
    const other = makeStation(round.campaignId, round.siteB);
    const tube = barcode();
    const [a, b, c] = residents.splice(0, 3);
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { residentId: a }),
      s.seal(tube),
      s.bind(tube, { residentId: b }),
      s.seal(tube),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      "applied",
      "applied",
      "applied",
      "tube_sealed",
      "tube_sealed",
    ]);
    expect(results[2]?.tube).toEqual({ barcode: tube, poolSize: 10, people: 1, status: "sealed" });
    const reopened = await postScans(t, registrar, other.stationId, [
      other.open(tube),
      other.open(tube, { override: { reason: "封管误按" } }),
      other.bind(tube, { residentId: c }),
    ]);
    expect(reopened.map((r) => r.code ?? r.status)).toEqual(["tube_used", "applied", "applied"]);
    expect(reopened[2]?.tube).toMatchObject({ people: 2, status: "open" });
  });

  it("refuses a tube of another point as unknown, and an empty tube's seal", async () => {
    const atA = makeStation(round.campaignId, round.siteA);
    const atB = makeStation(round.campaignId, round.siteB);
    const tube = barcode();
    await postScans(t, registrar, atA.stationId, [atA.open(tube)]);
    const results = await postScans(t, registrar, atB.stationId, [
      atB.bind(tube, { residentId: residents[0] }),
      atB.open(tube, { override: { reason: "借用" } }),
      atA.seal(tube),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(["tube_unknown", "tube_used", "tube_empty"]);
  });

  it("holds a tube's counter within its pool size in the database itself", async () => {
    const s = makeStation(round.campaignId, round.siteB);
    const tube = barcode();
    await postScans(t, registrar, s.stationId, [s.open(tube, { single: true })]);
    await expect(
      t.db.updateTable("tubes").set({ people: 2 }).where("barcode", "=", tube).execute(),
    ).rejects.toMatchObject({ code: "23514", constraint: "tubes_people_within_pool" });
  });

  it("applies a batch once when the station's retry races its first delivery", async () => {
    const s = makeStation(round.campaignId, round.siteB);
    const tube = barcode();
    const scans = [s.open(tube), ...residents.splice(0, 4).map((id) => s.bind(tube, { residentId: id }))];
    const [first, second] = await Promise.all([
      postScans(t, registrar, s.stationId, scans),
      postScans(t, registrar, s.stationId, scans),
    ]);
    const statuses = [...(first ?? []), ...(second ?? [])].map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill("applied"), ...Array(5).fill("duplicate")]);
    const row = await t.db
      .selectFrom("tubes")
      .select("people")
      .where("barcode", "=", tube)
      .executeTakeFirst();
    expect(row?.people).toBe(4);
  });

  it("stores a malformed or unknown scan as rejected without holding up the rest of the batch", async () => {
    const s = makeStation(round.campaignId, round.siteB);
    const tube = barcode();
    const [a, b] = residents.splice(0, 2);
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      { ...s.seal(tube), kind: "teleport" },
      s.bind(tube, { residentId: a, token: "SQ1.x.y" }),
      s.bind(tube, { residentId: b }),
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      "applied",
      "invalid_scan",
      "invalid_scan",
      "applied",
    ]);
    const { items } = await expectJson<{ items: { status: string; code: string | null }[] }>(
      await t.call("GET", `/api/station/scans?stationId=${s.stationId}`, { cookie: registrar }),
      200,
    );
    expect(items.map((i) => i.code ?? i.status)).toEqual([
      "applied",
      "invalid_scan",
      "invalid_scan",
      "applied",
    ]);
  });

  it("rejects a whole batch with 422 when its envelope is broken", async () => {
    const s = makeStation(round.campaignId, round.siteB);
    await postScans(t, registrar, s.stationId, [{ ...s.open(barcode()), id: "not-a-uuid" }], 422);
    await postScans(t, registrar, s.stationId, [], 422);
  });

  it("stores scans that arrive after the round closed as rejected, and refuses a closed round's bootstrap", async () => {
    const s = makeStation(round.campaignId, round.siteB);
    for (const status of ["running", "closed"]) {
      const res = await t.call("POST", `/api/campaigns/${round.campaignId}/status`, {
        cookie: round.officer,
        json: { status },
      });
      await expectJson(res, 200);
    }
    const results = await postScans(t, registrar, s.stationId, [s.open(barcode())]);
    expect(results[0]).toMatchObject({ status: "rejected", code: "round_not_open" });
    const res = await t.call(
      "GET",
      `/api/station/bootstrap?campaignId=${round.campaignId}&siteId=${round.siteB}`,
      { cookie: registrar },
    );
    await expectJson(res, 409);
  });
});
