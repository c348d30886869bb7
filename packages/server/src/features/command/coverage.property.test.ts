/**
 * The rollups that scans keep (coverage_counts, coverage_hours, site_load, site_hours) against a recount from
 * the raw samples and exemptions, after random nights at the stations: tubes opened, residents
 * bound, people sampled twice by override, the last binding undone, tubes sealed, walk-ins, and
 * exemptions given and taken back through the missing list's use cases (which fold them in). The
 * scans' samples are folded in by the folder at random moments and in batches of random size (a
 * sample may be written and undone before its fold, or folded between the two), and recounts run
 * while samples wait in the queue. Once everything is folded, the recount is plain SQL written here,
 * not reconcileCoverage, so the code is not compared with itself; reconcileCoverage must then find
 * nothing to correct.
 */
import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { campaignInput, siteInput, utc } from "../campaigns/campaign-test-kit";
import { removeExemption, setExemption } from "../missing/set-exemption";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { foldAllQueued, foldQueuedSamples } from "./fold-samples";
import { reconcileCoverage } from "./reconcile-coverage";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 0) || 25;
const REASONS = ["away", "hospitalised", "sampled_elsewhere", "other"] as const;
type Reason = (typeof REASONS)[number];

let t: TestContext;
let place: StationRound;
let registrar: string;
let residents: string[];
/** A subdistrict officer: works the missing lists of the whole round. */
let officer: SessionUser;

beforeAll(async () => {
  t = await createTestContext();
  place = await buildStationRound(t);
  registrar = (await t.signIn("registrar", place.place.a.subdistrict.id)).cookie;
  const rows = await t.db
    .selectFrom("residents")
    .select("id")
    .where("community_id", "in", [place.place.a.community.id, place.other.community.id])
    .orderBy("id")
    .execute();
  residents = rows.map((r) => r.id);
  const subdistrict = place.place.a.subdistrict;
  const { userId } = await t.signIn("subdistrict_officer", subdistrict.id);
  officer = {
    id: userId,
    username: "officer",
    displayName: "officer",
    role: "subdistrict_officer",
    scope: { regionId: subdistrict.id, level: subdistrict.level, path: subdistrict.path },
  };
});
afterAll(() => t.close());

// Four stations: two at 1号楼's point, one at 2号楼's, one at the other community's.
const STATIONS = 4;
type Scan =
  | { kind: "open" | "undo" | "seal" | "walk_in"; minute: number }
  | { kind: "bind" | "override"; minute: number; person: number };
/**
 * One POST of a station's queued scans, an exemption given or taken back meanwhile, a round of the
 * folder (taking at most `limit` queued changes), or a recount while changes wait in the queue.
 */
type Step =
  | { kind: "post"; station: number; scans: Scan[] }
  | { kind: "exempt"; person: number; reason: Reason }
  | { kind: "unexempt"; person: number }
  | { kind: "fold"; limit: number }
  | { kind: "recount" };

// Most picks come from the first few residents, so people are scanned twice, overridden,
// exempted after being sampled and sampled after being exempted.
const personArb = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 85 }));
// Scan times over the morning, in any order: hours and 5-minute buckets both get several rows.
const minuteArb = fc.integer({ min: 0, max: 359 });
const scanArb: fc.Arbitrary<Scan> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("open"), minute: minuteArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("bind"), minute: minuteArb, person: personArb }), weight: 8 },
  {
    arbitrary: fc.record({ kind: fc.constant("override"), minute: minuteArb, person: personArb }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("undo"), minute: minuteArb }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("seal"), minute: minuteArb }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("walk_in"), minute: minuteArb }), weight: 1 },
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("post"),
      station: fc.integer({ min: 0, max: STATIONS - 1 }),
      // A station back online sends its queue in one POST (plain binds take the set-based path).
      scans: fc.array(scanArb, { minLength: 1, maxLength: 8 }),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("exempt"),
      person: personArb,
      reason: fc.constantFrom(...REASONS),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("unexempt"), person: personArb }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant("fold"), limit: fc.integer({ min: 1, max: 12 }) }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("recount") }), weight: 1 },
);
const scenarioArb = fc.record({
  steps: fc.array(stepArb, { minLength: 3, maxLength: 16, size: "max" }),
  // Whether someone opens the dashboard before the first scan (it creates the round's rows).
  lookFirst: fc.boolean(),
});

/** A new round over the same two communities, with the same three points, scheduled. */
async function newRound(): Promise<{ campaignId: string; sites: string[] }> {
  const officer = place.officer;
  const created = await t.call("POST", "/api/campaigns", {
    cookie: officer,
    json: campaignInput([place.place.a.community.id, place.other.community.id]),
  });
  const { id } = await expectJson<{ id: string }>(created, 201);
  const sites: string[] = [];
  for (const [name, regionId] of [
    ["一号楼采集点", place.place.a.building.id],
    ["二号楼采集点", place.place.b.building.id],
    ["九号楼采集点", place.other.community.id],
  ] as const) {
    const res = await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: officer,
      json: siteInput([regionId], { name }),
    });
    sites.push((await expectJson<{ id: string }>(res, 201)).id);
  }
  await expectJson(await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer }), 200);
  return { campaignId: id, sites };
}

/**
 * Plays the steps: each POST through the station API, each exemption through the missing list's
 * use cases, each fold through the folder's own round; a recount in between must find the rollups
 * exactly as folded so far (nothing to correct), queued samples or not.
 */
async function play(campaignId: string, sites: string[], steps: Step[]): Promise<void> {
  const siteOf = [sites[0], sites[0], sites[1], sites[2]] as string[];
  // A station's first scan finds its first tube already opened, as at a real desk.
  const stations = siteOf.map((siteId) => ({ s: makeStation(campaignId, siteId), tube: "" }));
  for (const step of steps) {
    if (step.kind === "fold") {
      await foldQueuedSamples(t.db, step.limit);
      continue;
    }
    if (step.kind === "recount") {
      expect(await reconcileCoverage(t.db, campaignId)).toMatchObject({ corrected: 0 });
      continue;
    }
    if (step.kind !== "post") {
      const residentId = residents[step.person] as string;
      await setExemptionOf(campaignId, residentId, step.kind === "exempt" ? step.reason : null);
      continue;
    }
    const station = stations[step.station] as (typeof stations)[number];
    const { s } = station;
    const scans: unknown[] = [];
    for (const c of step.scans) {
      const at = new Date(new Date(utc("08:00")).getTime() + c.minute * 60_000).toISOString();
      if (c.kind === "open" || station.tube === "") {
        station.tube = barcode();
        scans.push({ ...s.open(station.tube), at });
        if (c.kind === "open") continue;
      }
      const person = "person" in c ? residents[c.person] : undefined;
      const scan =
        c.kind === "bind"
          ? s.bind(station.tube, { residentId: person })
          : c.kind === "override"
            ? s.bind(station.tube, { residentId: person, override: { reason: "样本污染，重采" } })
            : c.kind === "walk_in"
              ? s.bind(station.tube, { walkIn: { name: "过客", idType: "cn_id", idNumber: nextIdNumber() } })
              : c.kind === "undo"
                ? s.undo(station.tube)
                : s.seal(station.tube);
      scans.push({ ...scan, at });
    }
    await postScans(t, registrar, s.stationId, scans);
  }
}

/**
 * Gives (reason) or takes back (null) a resident's exemption through the missing list's use cases.
 * Their refusals (someone already sampled, no exemption to take back) are outcomes, not failures.
 */
async function setExemptionOf(campaignId: string, residentId: string, reason: Reason | null): Promise<void> {
  try {
    if (reason) {
      const input = {
        reason,
        place: reason === "sampled_elsewhere" ? "省人民医院" : undefined,
        note: "电话核实",
      };
      await setExemption(t.db, officer, { campaignId, residentId, input });
    } else {
      await removeExemption(t.db, officer, { campaignId, residentId });
    }
  } catch (error) {
    if (!(error instanceof AppError && ["conflict", "not_found"].includes(error.code))) throw error;
  }
}

interface Drift {
  region_id: string;
  kept: string;
  recounted: string;
}

/**
 * Regions whose (sampled, exempted) rollup differs from a recount: a resident counts in every
 * region whose path is a prefix of their building's path, sampled when they have a live sample,
 * exempted when they have an exemption and no live sample.
 */
async function countDrift(db: Kysely<Database>, campaignId: string): Promise<Drift[]> {
  const rows = await sql<Drift>`
    with live as (
      select distinct resident_id from samples
      where campaign_id = ${campaignId} and undone_at is null and resident_id is not null),
    exempt as (
      select resident_id from exemptions
      where campaign_id = ${campaignId} and resident_id not in (select resident_id from live)),
    people as (
      select r.building_id, 1 as sampled, 0 as exempted from live join residents r on r.id = live.resident_id
      union all
      select r.building_id, 0, 1 from exempt join residents r on r.id = exempt.resident_id),
    recount as (
      select g.id as region_id, sum(p.sampled) as sampled, sum(p.exempted) as exempted
      from people p
      join regions b on b.id = p.building_id
      join regions g on b.path like g.path || '%'
      group by g.id),
    kept as (select region_id, sampled, exempted from coverage_counts where campaign_id = ${campaignId})
    select coalesce(k.region_id, r.region_id) as region_id,
      concat_ws('/', k.sampled, k.exempted) as kept, concat_ws('/', r.sampled, r.exempted) as recounted
    from kept k full join recount r on r.region_id = k.region_id
    where coalesce(k.sampled, 0) <> coalesce(r.sampled, 0) or coalesce(k.exempted, 0) <> coalesce(r.exempted, 0)
    order by 1`.execute(db);
  return rows.rows;
}

/**
 * Regions (grid and up) and hours whose count differs from the residents whose earliest live
 * sample falls in that hour, however scans arrive (a late-synced offline scan may be earlier than
 * the one that first covered someone; an undo may leave a later one as the earliest).
 */
async function hourDrift(db: Kysely<Database>, campaignId: string): Promise<Drift[]> {
  const rows = await sql<Drift>`
    with firsts as (
      select resident_id, date_trunc('hour', min(sampled_at)) as hour from samples
      where campaign_id = ${campaignId} and undone_at is null and resident_id is not null
      group by resident_id),
    recount as (
      select g.id as region_id, f.hour, count(*) as sampled
      from firsts f join residents r on r.id = f.resident_id
      join regions b on b.id = r.building_id
      join regions g on b.path like g.path || '%' and g.id <> b.id
      group by g.id, f.hour),
    kept as (
      select region_id, hour, sampled from coverage_hours
      where campaign_id = ${campaignId} and sampled <> 0)
    select concat_ws(' ', coalesce(k.region_id, r.region_id), coalesce(k.hour, r.hour)) as region_id,
      k.sampled::text as kept, r.sampled::text as recounted
    from kept k full join recount r on r.region_id = k.region_id and r.hour = k.hour
    where coalesce(k.sampled, 0) <> coalesce(r.sampled, 0)
    order by 1`.execute(db);
  return rows.rows;
}

/**
 * Points and 5-minute buckets (site_load) or hours (site_hours) whose load differs from the live
 * samples (walk-ins and repeats too).
 */
async function loadDrift(db: Kysely<Database>, campaignId: string, per: "bucket" | "hour"): Promise<Drift[]> {
  const at =
    per === "bucket"
      ? sql`date_bin('5 minutes', sampled_at, timestamptz '2000-01-01 00:00:00+00')`
      : sql`date_trunc('hour', sampled_at)`;
  const kept =
    per === "bucket"
      ? sql`select site_id, bucket as at, samples from site_load where campaign_id = ${campaignId}`
      : sql`select site_id, hour as at, samples from site_hours where campaign_id = ${campaignId}`;
  const rows = await sql<Drift>`
    with recount as (
      select site_id, ${at} as at, count(*) as samples
      from samples where campaign_id = ${campaignId} and undone_at is null and site_id is not null
      group by 1, 2),
    kept as (${kept})
    select concat_ws(' ', coalesce(k.site_id, r.site_id), coalesce(k.at, r.at)) as region_id,
      k.samples::text as kept, r.samples::text as recounted
    from kept k full join recount r on r.site_id = k.site_id and r.at = k.at
    where coalesce(k.samples, 0) <> coalesce(r.samples, 0)
    order by 1`.execute(db);
  return rows.rows;
}

describe("coverage rollups", () => {
  it("equal a recount from raw samples after any night at the stations", async () => {
    const seen = { sampled: 0, exempted: 0, undone: 0, repeats: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ steps, lookFirst }) => {
        const { campaignId, sites } = await newRound();
        if (lookFirst) {
          await expectJson(
            await t.call("GET", `/api/campaigns/${campaignId}/dashboard`, { cookie: place.officer }),
            200,
          );
        }
        await play(campaignId, sites, steps);
        await foldAllQueued(t.db);

        expect(await countDrift(t.db, campaignId)).toEqual([]);
        expect(await hourDrift(t.db, campaignId)).toEqual([]);
        expect(await loadDrift(t.db, campaignId, "bucket")).toEqual([]);
        expect(await loadDrift(t.db, campaignId, "hour")).toEqual([]);
        expect(await reconcileCoverage(t.db, campaignId)).toMatchObject({ corrected: 0 });

        const top = await t.db
          .selectFrom("coverage_counts")
          .select(["sampled", "exempted"])
          .where("campaign_id", "=", campaignId)
          .where("region_id", "=", place.place.a.subdistrict.id)
          .executeTakeFirst();
        const made = await sql<{ undone: number; repeats: number }>`
          select count(*) filter (where undone_at is not null) as undone,
            count(*) filter (where override_reason is not null and undone_at is null) as repeats
          from samples where campaign_id = ${campaignId}`.execute(t.db);
        seen.sampled += Number(top?.sampled ?? 0);
        seen.exempted += Number(top?.exempted ?? 0);
        seen.undone += Number(made.rows[0]?.undone ?? 0);
        seen.repeats += Number(made.rows[0]?.repeats ?? 0);
      }),
      { numRuns: RUNS },
    );
    // The runs did what they are meant to: people sampled, exempted, undone and sampled again.
    expect(seen.sampled).toBeGreaterThan(0);
    expect(seen.exempted).toBeGreaterThan(0);
    expect(seen.undone).toBeGreaterThan(0);
    expect(seen.repeats).toBeGreaterThan(0);
  });

  it("notices a rollup that drifts from the samples (the comparison can fail)", async () => {
    const { campaignId, sites } = await newRound();
    const [first] = residents;
    const s = makeStation(campaignId, sites[0] as string);
    const tube = barcode();
    await postScans(t, registrar, s.stationId, [s.open(tube), s.bind(tube, { residentId: first })]);
    // Not folded yet: the rollups lack the sample, and the comparison says so.
    expect(await countDrift(t.db, campaignId)).not.toEqual([]);
    await foldAllQueued(t.db);
    expect(await countDrift(t.db, campaignId)).toEqual([]);
    await sql`update coverage_counts set exempted = exempted + 1 where campaign_id = ${campaignId}
      and region_id = ${place.place.a.grid.id}`.execute(t.db);
    await sql`update coverage_hours set sampled = sampled + 1 where campaign_id = ${campaignId}
      and region_id = ${place.place.a.community.id}`.execute(t.db);
    await sql`update site_load set samples = samples - 1 where campaign_id = ${campaignId}`.execute(t.db);
    await sql`update site_hours set samples = samples + 2 where campaign_id = ${campaignId}`.execute(t.db);
    expect(await countDrift(t.db, campaignId)).toEqual([
      { region_id: place.place.a.grid.id, kept: "1/1", recounted: "1/0" },
    ]);
    expect((await hourDrift(t.db, campaignId)).map((d) => d.region_id.split(" ")[0])).toEqual([
      place.place.a.community.id,
    ]);
    expect(await loadDrift(t.db, campaignId, "bucket")).toHaveLength(1);
    expect(await loadDrift(t.db, campaignId, "hour")).toHaveLength(1);
    expect(await reconcileCoverage(t.db, campaignId)).toMatchObject({ corrected: 1 });
    expect(await countDrift(t.db, campaignId)).toEqual([]);
    expect(await hourDrift(t.db, campaignId)).toEqual([]);
    expect(await loadDrift(t.db, campaignId, "bucket")).toEqual([]);
    expect(await loadDrift(t.db, campaignId, "hour")).toEqual([]);
  });
});
