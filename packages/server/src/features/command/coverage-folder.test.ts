import type { Dashboard } from "@shequ/core/dashboard-schema";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { createTestContext, type TestContext } from "../../test/test-context";
import { residentsOf } from "../recalls/recall-test-kit";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { startCoverageFolder } from "./coverage-folder";
import { foldAllQueued, foldQueuedSamples } from "./fold-samples";

let t: TestContext;
let round: StationRound;
let registrar: string;
let people: string[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  people = await residentsOf(t, round.place.a.building.id);
});
afterAll(() => t.close());

const dashboard = async () =>
  expectJson<Dashboard>(
    await t.call("GET", `/api/campaigns/${round.campaignId}/dashboard`, { cookie: round.officer }),
    200,
  );

/** Scans n more residents of 1号楼 into a fresh tube at point A. */
async function scanPeople(from: number, n: number): Promise<void> {
  const s = makeStation(round.campaignId, round.siteA);
  const tube = barcode();
  await postScans(t, registrar, s.stationId, [
    s.open(tube),
    ...people.slice(from, from + n).map((id) => s.bind(tube, { residentId: id })),
  ]);
}

describe("the server's coverage folder", () => {
  it("brings the stations' scans into the dashboard within moments, and stops cleanly", async () => {
    await scanPeople(0, 4);
    expect((await dashboard()).pending.samples).toBe(4);
    const folder = startCoverageFolder({ db: t.db, logger: createLogger("silent"), intervalMs: 100 });
    try {
      const started = Date.now();
      let view = await dashboard();
      while (view.region.sampled < 4 && Date.now() - started < 5000) {
        await new Promise((r) => setTimeout(r, 50));
        view = await dashboard();
      }
      expect(view.region.sampled).toBe(4);
      expect(view.pending).toEqual({ samples: 0, oldestAt: null });
    } finally {
      await folder.stop();
    }
    // Stopped: what is scanned now waits in the queue (the next start folds it).
    await scanPeople(4, 2);
    await new Promise((r) => setTimeout(r, 300));
    const after = await dashboard();
    expect(after.region.sampled).toBe(4);
    expect(after.pending.samples).toBe(2);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "skips its round while another server instance holds the turn, and folds once it is free",
    async () => {
      await scanPeople(6, 1);
      const other = new pg.Client({ connectionString: t.databaseUrl });
      await other.connect();
      try {
        await other.query("begin");
        await other.query("select id from coverage_fold_lock where id = 1 for update");
        expect(await foldQueuedSamples(t.db)).toEqual({ folded: 0, busy: true });
        await other.query("commit");
        expect(await foldQueuedSamples(t.db)).toMatchObject({ busy: false });
        expect((await dashboard()).pending.samples).toBe(0);
      } finally {
        await other.end();
      }
    },
  );
});

describe("scans, exemptions and the folder at the same time", () => {
  it("leave the rollups equal to a recount: nothing lost, nothing counted twice", async () => {
    const busy = await buildStationRound(t);
    const own = (await t.signIn("registrar", busy.place.a.community.id)).cookie;
    const everyone = [
      ...(await residentsOf(t, busy.place.a.building.id)),
      ...(await residentsOf(t, busy.place.b.building.id)),
    ];
    const folder = startCoverageFolder({ db: t.db, logger: createLogger("silent"), intervalMs: 5 });
    try {
      // Four stations at once, each binding its share of people in tubes of five, undoing one
      // binding in each tube; meanwhile the grid worker exempts and un-exempts people.
      const stations = [0, 1, 2, 3].map(async (k) => {
        const s = makeStation(busy.campaignId, k < 2 ? busy.siteA : busy.siteB);
        const mine = everyone.filter((_, i) => i % 4 === k);
        for (let i = 0; i < mine.length; i += 5) {
          const tube = barcode();
          await postScans(t, own, s.stationId, [
            s.open(tube),
            ...mine.slice(i, i + 5).map((id) => s.bind(tube, { residentId: id })),
          ]);
          await postScans(t, own, s.stationId, [s.undo(tube)]);
        }
      });
      const worker = (await t.signIn("grid_worker", busy.place.a.grid.id)).cookie;
      const exemptions = (async () => {
        for (const id of everyone.slice(0, 12)) {
          const path = `/api/campaigns/${busy.campaignId}/exemptions/${id}`;
          await t.call("PUT", path, { cookie: worker, json: { reason: "away" } });
          if (id.endsWith("0") || id.endsWith("5")) await t.call("DELETE", path, { cookie: worker });
        }
      })();
      await Promise.all([...stations, exemptions]);
    } finally {
      await folder.stop();
    }
    const res = await t.call("POST", `/api/campaigns/${busy.campaignId}/coverage/reconcile`, {
      cookie: busy.officer,
    });
    // The recount counts what is folded; fold the rest, then it must find nothing to correct.
    expect(await expectJson(res, 200)).toMatchObject({ corrected: 0 });
    await foldAllQueued(t.db);
    const again = await t.call("POST", `/api/campaigns/${busy.campaignId}/coverage/reconcile`, {
      cookie: busy.officer,
    });
    expect(await expectJson(again, 200)).toMatchObject({ corrected: 0 });
    const view = await expectJson<Dashboard>(
      await t.call("GET", `/api/campaigns/${busy.campaignId}/dashboard`, { cookie: busy.officer }),
      200,
    );
    // Every tube lost its last binding: four of each five people stay sampled.
    const live = await t.db
      .selectFrom("samples")
      .select((eb) => eb.fn.count<number>("resident_id").distinct().as("n"))
      .where("campaign_id", "=", busy.campaignId)
      .where("undone_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(view.region.sampled).toBe(Number(live.n));
    expect(Number(live.n)).toBeGreaterThan(everyone.length / 2);
  });
});
