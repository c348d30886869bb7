import type { SnapshotList } from "@shequ/core/report-schema";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildResident, nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { at } from "../campaigns/campaign-test-kit";
import { fillTube, residentsOf } from "../recalls/recall-test-kit";
import { buildStationRound, expectJson, type StationRound } from "../station/station-test-kit";
import { runSnapshotTick } from "./snapshot-ticker";

let t: TestContext;
let round: StationRound;
let registrar: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
});
afterAll(() => t.close());

// The round is scheduled to start at 08:00 on its day; the ticker is told the time.
const clock = (time: string) => new Date(at(time));
const snapshotRows = () =>
  t.db
    .selectFrom("round_snapshots")
    .select(["hour"])
    .where("campaign_id", "=", round.campaignId)
    .orderBy("hour")
    .execute();
const snapshots = async (cookie: string) =>
  expectJson<SnapshotList>(
    await t.call("GET", `/api/campaigns/${round.campaignId}/snapshots`, { cookie }),
    200,
  );

describe("the hourly snapshot", () => {
  it("leaves a scheduled round alone until it starts", async () => {
    const tick = await runSnapshotTick(t.db, { now: clock("07:30") });
    expect(tick.snapshots).not.toContain(round.campaignId);
    expect(await snapshotRows()).toEqual([]);
  });

  it("keeps one snapshot per hour with the round's figures at that time", async () => {
    const first = await runSnapshotTick(t.db, { now: clock("09:00") });
    expect(first.snapshots).toEqual([round.campaignId]);
    const [a] = await residentsOf(t, round.place.a.building.id);
    await fillTube(t, registrar, { campaignId: round.campaignId, siteId: round.siteA }, [
      { residentId: a as string },
    ]);
    // Later in the same hour: nothing new.
    expect((await runSnapshotTick(t.db, { now: clock("09:59") })).snapshots).toEqual([]);
    expect((await runSnapshotTick(t.db, { now: clock("10:01") })).snapshots).toEqual([round.campaignId]);

    const list = await snapshots(round.officer);
    expect(list.region?.level).toBe("subdistrict");
    expect(list.items.map((i) => [i.hour, i.expected, i.sampled, i.tubes])).toEqual([
      [clock("09:00").toISOString(), 86, 0, 0],
      [clock("10:00").toISOString(), 86, 1, 1],
    ]);
  });

  it("writes one row when two server instances tick at the same moment", async () => {
    const now = clock("11:00");
    const ticks = await Promise.all([runSnapshotTick(t.db, { now }), runSnapshotTick(t.db, { now })]);
    expect(ticks.flatMap((tick) => tick.snapshots)).toEqual([round.campaignId]);
    expect(ticks.flatMap((tick) => tick.failed)).toEqual([]);
    expect((await snapshotRows()).map((r) => new Date(r.hour).toISOString())).toEqual(
      ["09:00", "10:00", "11:00"].map((h) => clock(h).toISOString()),
    );
  });

  it("recounts the expected residents once they are more than five minutes old, once", async () => {
    await buildResident(t.db, round.other, { door: "106", idNumber: nextIdNumber() });
    // Counted just now: the new resident waits for the next recount.
    expect((await runSnapshotTick(t.db, { now: clock("11:10") })).refreshed).toEqual([]);
    await sql`update coverage_counts set expected_at = now() - interval '6 minutes'
      where campaign_id = ${round.campaignId}`.execute(t.db);
    const ticks = await Promise.all([
      runSnapshotTick(t.db, { now: clock("11:11") }),
      runSnapshotTick(t.db, { now: clock("11:11") }),
    ]);
    expect(ticks.flatMap((tick) => tick.refreshed)).toEqual([round.campaignId]);
    const top = await t.db
      .selectFrom("coverage_counts")
      .select("expected")
      .where("campaign_id", "=", round.campaignId)
      .where("region_id", "=", round.place.a.subdistrict.id)
      .executeTakeFirstOrThrow();
    expect(top.expected).toBe(87);
  });

  it("shows a community's secretary the snapshots of their community only", async () => {
    const secretary = (await t.signIn("community_secretary", round.place.a.community.id)).cookie;
    const list = await snapshots(secretary);
    expect(list.region?.id).toBe(round.place.a.community.id);
    expect(list.items.map((i) => [i.expected, i.sampled])).toEqual([
      [81, 0],
      [81, 1],
      [81, 1],
    ]);
  });
});
