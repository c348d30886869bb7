import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";

/** Rollup rows of a round for some regions, with names, in the tree's order. */
export function selectCoverageRows(
  db: Kysely<Database>,
  campaignId: string,
  where: { parentId?: string; regionIds?: string[] },
) {
  let q = db
    .selectFrom("coverage_counts as c")
    .innerJoin("regions as r", "r.id", "c.region_id")
    .select(["r.id", "r.name", "r.level", "r.path", "c.expected", "c.sampled", "c.exempted", "c.expected_at"])
    .where("c.campaign_id", "=", campaignId);
  if (where.parentId !== undefined) q = q.where("c.parent_id", "=", where.parentId);
  if (where.regionIds !== undefined)
    q = q.where("c.region_id", "in", where.regionIds.length ? where.regionIds : [""]);
  return q.orderBy("r.sort_key").orderBy("r.name").execute();
}

export function selectCoverageHours(db: Kysely<Database>, campaignId: string, regionId: string) {
  return db
    .selectFrom("coverage_hours")
    .select(["hour", "sampled"])
    .where("campaign_id", "=", campaignId)
    .where("region_id", "=", regionId)
    .orderBy("hour")
    .execute();
}

/** All the round's points. */
export function selectRoundPoints(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom("sites as s")
    .select(["s.id", "s.name", "s.lanes", "s.per_lane_per_hour", "s.closed_at"])
    .where("s.campaign_id", "=", campaignId)
    .orderBy("s.name")
    .execute();
}

/** The round's points whose area overlaps the region (inside it, or containing it). */
export function selectPointsServing(db: Kysely<Database>, campaignId: string, regionPath: string) {
  return db
    .selectFrom("sites as s")
    .select(["s.id", "s.name", "s.lanes", "s.per_lane_per_hour", "s.closed_at"])
    .where("s.campaign_id", "=", campaignId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("site_regions as sr")
          .innerJoin("regions as g", "g.id", "sr.region_id")
          .select("sr.site_id")
          .whereRef("sr.site_id", "=", "s.id")
          .where(sql<boolean>`(g.path like ${`${regionPath}%`} or ${regionPath} like g.path || '%')`),
      ),
    )
    .orderBy("s.name")
    .execute();
}

/**
 * Samples per point and hour since `since`, from the 5-minute load buckets: one index range per
 * point (the key is campaign, site, bucket), so a district's 500 points cost 500 short scans.
 */
export async function selectPointHours(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[],
  since: Date,
) {
  if (siteIds.length === 0) return [];
  const rows = await sql<{ site_id: string; hour: Date; samples: number }>`
    select site_id, date_trunc('hour', bucket) as hour, sum(samples)::int as samples
    from site_load
    where campaign_id = ${campaignId} and site_id = any(${siteIds}::uuid[]) and bucket >= ${since}
    group by 1, 2 order by 1, 2`.execute(db);
  return rows.rows;
}

export async function countWalkIns(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[],
): Promise<number> {
  if (siteIds.length === 0) return 0;
  const row = await db
    .selectFrom("walk_ins")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where("site_id", "in", siteIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
