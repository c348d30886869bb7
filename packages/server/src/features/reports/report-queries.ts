import { type Kysely, sql } from "kysely";
import type { Database, Region } from "../../db/schema";
import { pathIds } from "../regions/queries";
import { livesInRegion } from "../regions/scope";

// SQL of the round report and its hourly snapshots. A report is read a few times an hour, not on
// every scan: it may count a round's tubes (by point, on tubes_campaign_site_idx) and its recalls
// (a small table), but coverage still comes from the rollups.

/** The regions each point serves (their paths), to tell which row of the report a point belongs to. */
export function selectServedPaths(db: Kysely<Database>, siteIds: string[]) {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("site_regions").select(["site_id", "path"]).where("site_id", "in", siteIds).execute();
}

export interface SiteTubes {
  site_id: string;
  tubes: number;
  singles: number;
  positive: number;
  invalid: number;
}

/**
 * Tubes holding a sample, per point, with how many were single tubes and what the lab found. Two
 * statements: joining every tube to its result costs three times the plain count (1.6 s against
 * 0.5 s at 2.5 million tubes), while positive and invalid results are few and indexed.
 */
export async function countTubesPerSite(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[],
): Promise<SiteTubes[]> {
  if (siteIds.length === 0) return [];
  const [counts, results] = await Promise.all([
    sql<{ site_id: string; tubes: number; singles: number }>`
      select site_id, count(*)::int as tubes, count(*) filter (where single)::int as singles
      from tubes where campaign_id = ${campaignId} and site_id = any(${siteIds}::uuid[]) and people > 0
      group by site_id`.execute(db),
    sql<{ site_id: string; positive: number; invalid: number }>`
      select t.site_id, count(*) filter (where r.result = 'positive')::int as positive,
        count(*) filter (where r.result = 'invalid')::int as invalid
      from tube_results r join tubes t on t.id = r.tube_id
      where r.campaign_id = ${campaignId} and r.result in ('positive', 'invalid')
        and t.site_id = any(${siteIds}::uuid[])
      group by t.site_id`.execute(db),
  ]);
  const found = new Map(results.rows.map((r) => [r.site_id, r]));
  return counts.rows.map((c) => ({
    ...c,
    positive: Number(found.get(c.site_id)?.positive ?? 0),
    invalid: Number(found.get(c.site_id)?.invalid ?? 0),
  }));
}

export interface ChildRecalls {
  child_id: string | null;
  recalled: number;
  resampled: number;
  closed: number;
}

/**
 * People to re-sample who live in the region, per region one level down (by the building they
 * live in). A person with two recalls counts once: re-sampled when none is still open, closed when
 * all are.
 */
export async function countRecallsPerChild(
  db: Kysely<Database>,
  campaignId: string,
  region: Pick<Region, "id" | "level" | "path">,
): Promise<ChildRecalls[]> {
  const depth = pathIds(region.path).length;
  const { rows } = await sql<ChildRecalls>`
    with person as (
      select p.building_id, bool_and(rc.status <> 'open') as resampled, bool_and(rc.status = 'closed') as closed
      from recalls rc join residents p on p.id = rc.resident_id
      where rc.campaign_id = ${campaignId} and ${livesInRegion(region, "p")}
      group by rc.resident_id, p.building_id
    )
    select (string_to_array(trim(both '/' from b.path), '/'))[${depth + 1}] as child_id,
      count(*)::int as recalled, count(*) filter (where person.resampled)::int as resampled,
      count(*) filter (where person.closed)::int as closed
    from person join regions b on b.id = person.building_id
    group by 1`.execute(db);
  return rows;
}

/**
 * Rounds the snapshot ticker looks after: running (until closed, deadline or not), or scheduled
 * and between their start and deadline (sampling has begun though nobody pressed "start").
 */
export function selectActiveRounds(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom("campaigns")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("status", "=", "running"),
        eb.and([eb("status", "=", "scheduled"), eb("starts_at", "<=", now), eb("deadline_at", ">", now)]),
      ]),
    )
    .orderBy("id")
    .execute();
}

/** The round's own top: the deepest region above (or equal to) all of its regions. */
export async function selectRoundTopRegion(
  db: Kysely<Database>,
  campaignId: string,
): Promise<Region | undefined> {
  const paths = await db
    .selectFrom("campaign_regions as cr")
    .innerJoin("regions as r", "r.id", "cr.region_id")
    .select("r.path")
    .where("cr.campaign_id", "=", campaignId)
    .execute();
  const [first, ...rest] = paths.map((p) => pathIds(p.path));
  if (!first) return undefined;
  let common = first;
  for (const ids of rest) {
    let i = 0;
    while (i < common.length && common[i] === ids[i]) i += 1;
    common = common.slice(0, i);
  }
  const id = common.at(-1);
  if (!id) return undefined;
  return db.selectFrom("regions").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Takes the turn to recount the round's expected figures when the last count is older than
 * `staleSeconds`: one conditional update of the top row, so of several server instances one wins.
 */
export async function claimExpectedRefresh(
  db: Kysely<Database>,
  campaignId: string,
  regionId: string,
  staleSeconds: number,
): Promise<boolean> {
  const row = await db
    .updateTable("coverage_counts")
    .set({ expected_at: sql<Date>`now()` })
    .where("campaign_id", "=", campaignId)
    .where("region_id", "=", regionId)
    .where((eb) =>
      eb.or([
        eb("expected_at", "is", null),
        eb("expected_at", "<", sql<Date>`now() - ${staleSeconds} * interval '1 second'`),
      ]),
    )
    .returning("region_id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasSnapshot(db: Kysely<Database>, campaignId: string, hour: Date): Promise<boolean> {
  const row = await db
    .selectFrom("round_snapshots")
    .select("hour")
    .where("campaign_id", "=", campaignId)
    .where("hour", "=", hour)
    .executeTakeFirst();
  return row !== undefined;
}

/** Keeps the hour's figures; a second instance arriving for the same hour writes nothing. */
export async function insertSnapshot(
  db: Kysely<Database>,
  campaignId: string,
  hour: Date,
  summary: object,
): Promise<boolean> {
  const rows = await db
    .insertInto("round_snapshots")
    .values({ campaign_id: campaignId, hour, summary: JSON.stringify(summary) })
    .onConflict((oc) => oc.columns(["campaign_id", "hour"]).doNothing())
    .returning("hour")
    .execute();
  return rows.length > 0;
}

export function selectSnapshots(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom("round_snapshots")
    .select(["hour", "summary"])
    .where("campaign_id", "=", campaignId)
    .orderBy("hour")
    .execute();
}
