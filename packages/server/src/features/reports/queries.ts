import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { HOMEBOUND } from "../campaigns/queries";
import { pathPrefixPattern } from "../regions/scope";

// SQL of the points board. Every query is bounded by the round's points, never by its tubes or
// samples: tubes and boxes still at a point come from partial indexes, the load from the
// 5-minute rollup.

/**
 * Live samples per point in the load window, from the 5-minute buckets. Buckets after the window
 * (a station whose clock runs ahead) are not "the last 15 minutes".
 */
export async function selectRecentLoad(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[],
  window: { start: Date; end: Date },
): Promise<Map<string, number>> {
  if (siteIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("site_load")
    .select(["site_id", (eb) => eb.fn.sum<number>("samples").as("n")])
    .where("campaign_id", "=", campaignId)
    .where("site_id", "in", siteIds)
    .where("bucket", ">=", window.start)
    .where("bucket", "<", window.end)
    .groupBy("site_id")
    .execute();
  return new Map(rows.map((r) => [r.site_id, Number(r.n)]));
}

/** Each point's latest bucket with a sample: one index probe per point. */
export async function selectLastBuckets(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[],
): Promise<Map<string, Date>> {
  if (siteIds.length === 0) return new Map();
  const { rows } = await sql<{ site_id: string; last: Date | null }>`
    select p.site_id, (select max(l.bucket) from site_load l
      where l.campaign_id = ${campaignId} and l.site_id = p.site_id and l.samples > 0) as last
    from unnest(${siteIds}::uuid[]) as p(site_id)`.execute(db);
  const out = new Map<string, Date>();
  for (const r of rows) if (r.last) out.set(r.site_id, new Date(r.last));
  return out;
}

/** Open and sealed tubes still at each point (tubes_at_point_idx), not the round's millions. */
export async function countTubesAtPoints(db: Kysely<Database>, campaignId: string, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom("tubes")
    .select(["site_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaignId)
    .where("site_id", "in", siteIds)
    .where("status", "in", ["open", "sealed"])
    .groupBy(["site_id", "status"])
    .execute();
}

/** Boxes being packed or sealed and waiting for the courier (boxes_waiting_idx). */
export async function countBoxesWaiting(db: Kysely<Database>, campaignId: string, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom("boxes")
    .select(["site_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaignId)
    .where("site_id", "in", siteIds)
    .where("status", "in", ["packing", "sealed"])
    .groupBy(["site_id", "status"])
    .execute();
}

export interface HomeRunCounts {
  site_id: string;
  runs: number;
  runs_left: number;
  people_left: number;
}

/**
 * Home-sampling runs of the round in the region, per point. A run belongs to the point serving its
 * building most specifically (building over grid over community…, then the earliest point), the
 * rule the schedule used to plan it. A run is left while one of its households has an active
 * homebound resident (cannot walk, bedridden) with no live sample and no exemption in the round:
 * the people the team goes up the stairs for. One statement, set-based: runs → stops → residents,
 * each checked with one probe of samples_campaign_resident_idx.
 */
export async function countHomeRuns(
  db: Kysely<Database>,
  campaignId: string,
  regionPath: string,
  siteIds: string[],
): Promise<HomeRunCounts[]> {
  if (siteIds.length === 0) return [];
  const { rows } = await sql<HomeRunCounts>`
    with run as (
      select r.id, b.path from home_runs r join regions b on b.id = r.building_id
      where r.campaign_id = ${campaignId} and b.path like ${pathPrefixPattern(regionPath)}
    ),
    owner as (
      select distinct on (run.id) run.id as run_id, s.id as site_id
      from run
      cross join lateral unnest(string_to_array(trim(both '/' from run.path), '/')::uuid[])
        with ordinality as a(region_id, depth)
      join site_regions sr on sr.region_id = a.region_id
      join sites s on s.id = sr.site_id and s.campaign_id = ${campaignId}
      order by run.id, a.depth desc, s.created_at, s.id
    ),
    waiting as (
      select st.run_id, count(*) as n
      from run
      join home_run_stops st on st.run_id = run.id
      join residents p on p.household_id = st.household_id
      where p.status = 'active' and p.flags && ${HOMEBOUND}
        and not exists (select 1 from samples s where s.campaign_id = ${campaignId}
          and s.resident_id = p.id and s.undone_at is null)
        and not exists (select 1 from exemptions e where e.campaign_id = ${campaignId}
          and e.resident_id = p.id)
      group by st.run_id
    )
    select o.site_id, count(*)::int as runs, count(w.run_id)::int as runs_left,
      coalesce(sum(w.n), 0)::int as people_left
    from owner o left join waiting w on w.run_id = o.run_id
    where o.site_id = any(${siteIds}::uuid[])
    group by o.site_id`.execute(db);
  return rows;
}
