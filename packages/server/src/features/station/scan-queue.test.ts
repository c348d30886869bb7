import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app";
import { loadConfig } from "../../config";
import { createLogger } from "../../logger";
import { nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { ScanResult } from "./station-schema";
import { barcode, buildStationRound, makeStation, type StationRound } from "./station-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
});
afterAll(() => t.close());

/** The stored outcome of each scan id, read from the database as another request would. */
async function storedScans(ids: string[]) {
  if (ids.length === 0) return [];
  return t.db.selectFrom("station_scans").select(["id", "status"]).where("id", "in", ids).execute();
}

const post = (app: { request: typeof t.app.request }, stationId: string, scans: unknown[]) =>
  Promise.resolve(
    app.request("/api/station/scans", {
      method: "POST",
      headers: { cookie: registrar, "content-type": "application/json" },
      body: JSON.stringify({ stationId, scans }),
    }),
  );

const walkIn = () => ({ walkIn: { name: "过客", idType: "cn_id", idNumber: nextIdNumber() } });

describe("station scans through the group commit", () => {
  it("answers many stations at once, each only when its own scans are durable, one bad POST failing alone", async () => {
    const residents = await t.db
      .selectFrom("residents")
      .select("id")
      .where("building_id", "=", round.place.a.building.id)
      .orderBy("id")
      .limit(40)
      .execute();
    const stations = Array.from({ length: 8 }, () => makeStation(round.campaignId, round.siteA));
    const posts = stations.map((s, i) => {
      const tube = barcode();
      return {
        s,
        tube,
        scans: [
          s.open(tube),
          ...residents.slice(i * 5, i * 5 + 5).map((r) => s.bind(tube, { residentId: r.id })),
        ],
      };
    });
    // A barcode PostgreSQL cannot store (a NUL character): this POST fails inside the transaction.
    const bad = makeStation(round.campaignId, round.siteA);
    const badScans = [bad.open(`TB\u0000${barcode()}`)];

    const answers = await Promise.all([
      ...posts.map(async (p) => {
        const res = await post(t.app, p.s.stationId, p.scans);
        // Read right when the answer arrives: the scans are already committed.
        const stored = await storedScans(p.scans.map((s) => s.id));
        return {
          status: res.status,
          results: ((await res.json()) as { results: ScanResult[] }).results,
          stored,
        };
      }),
      post(t.app, bad.stationId, badScans).then((res) => ({ status: res.status, results: [], stored: [] })),
    ]);
    const good = answers.slice(0, posts.length);
    for (const a of good) {
      expect(a.status).toBe(200);
      expect(a.results.map((r) => r.status)).toEqual(Array(6).fill("applied"));
      expect(a.stored.map((s) => s.status)).toEqual(Array(6).fill("applied"));
      expect(a.results.at(-1)?.tube).toMatchObject({ people: 5, status: "open" });
    }
    expect(answers.at(-1)?.status).toBeGreaterThanOrEqual(400);
    expect(await storedScans(badScans.map((s) => s.id))).toEqual([]);
    const samples = await t.db
      .selectFrom("samples")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(
        "resident_id",
        "in",
        residents.map((r) => r.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(samples.n)).toBe(40);
  });

  it("answers 429 with Retry-After above its bound, loses none it took, and takes the rest when sent again", async () => {
    const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "memory://", SHEQU_SCAN_QUEUE_LIMIT: "6" });
    const app = createApp({ db: t.db, handle: t.handle, config, logger: createLogger("silent") });
    const posts = Array.from({ length: 12 }, () => {
      const s = makeStation(round.campaignId, round.siteB);
      const tube = barcode();
      return { s, scans: [s.open(tube), s.bind(tube, walkIn()), s.bind(tube, walkIn())] };
    });
    const first = await Promise.all(posts.map((p) => post(app, p.s.stationId, p.scans)));
    const busy = first.flatMap((res, i) => (res.status === 429 ? [i] : []));
    expect(busy.length).toBeGreaterThan(0);
    expect(first.every((res) => res.status === 200 || res.status === 429)).toBe(true);
    for (const i of busy) {
      expect(Number(first[i]?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await first[i]?.json()).toMatchObject({ error: { code: "rate_limited" } });
      expect(await storedScans((posts[i]?.scans ?? []).map((s) => s.id))).toEqual([]);
    }
    // The stations send the refused POSTs again, one at a time as their queues would.
    for (const i of busy) {
      const p = posts[i];
      if (p) expect((await post(app, p.s.stationId, p.scans)).status).toBe(200);
    }
    const all = await storedScans(posts.flatMap((p) => p.scans.map((s) => s.id)));
    expect(all).toHaveLength(36);
    expect(all.every((s) => s.status === "applied")).toBe(true);
  });

  // Last: it closes the round.
  it("catches a round closed after the group's reads: the scans are stored as rejected, never applied", async () => {
    const s = makeStation(round.campaignId, round.siteA);
    // The first POST leaves the round's lookup (status: open) in the queue's reads for a second.
    expect((await post(t.app, s.stationId, [s.open(barcode())])).status).toBe(200);
    for (const status of ["running", "closed"]) {
      const res = await t.call("POST", `/api/campaigns/${round.campaignId}/status`, {
        cookie: round.officer,
        json: { status },
      });
      expect(res.status).toBe(200);
    }
    const tube = barcode();
    const scans = [s.open(tube)];
    const res = await post(t.app, s.stationId, scans);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: ScanResult[] };
    expect(results[0]).toMatchObject({ status: "rejected", code: "round_not_open" });
    expect(await storedScans(scans.map((x) => x.id))).toEqual([{ id: scans[0]?.id, status: "rejected" }]);
    expect(await t.db.selectFrom("tubes").select("id").where("barcode", "=", tube).execute()).toEqual([]);
  });
});
