import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { pathIds } from "../regions/queries";
import { pathPrefixPattern } from "../regions/scope";

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

/**
 * The round's points whose area overlaps the region: an area inside it (its path starts with the
 * region's) or containing it (an ancestor's path, or the region's own). One index range over the
 * round's areas (site_regions keeps each area's path, migration 0011).
 */
export function selectPointsServing(db: Kysely<Database>, campaignId: string, regionPath: string) {
  const ids = pathIds(regionPath);
  const ancestors = ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join("/")}/`);
  return db
    .selectFrom("sites as s")
    .select(["s.id", "s.name", "s.lanes", "s.per_lane_per_hour", "s.closed_at"])
    .where("s.campaign_id", "=", campaignId)
    .where("s.id", "in", (eb) =>
      eb
        .selectFrom("site_regions as sr")
        .select("sr.site_id")
        .where("sr.campaign_id", "=", campaignId)
        .where((w) =>
          w.or([
            w("sr.path", "like", pathPrefixPattern(regionPath)),
            ...(ancestors.length ? [w("sr.path", "in", ancestors)] : []),
          ]),
        ),
    )
    .orderBy("s.name")
    .execute();
}

/**
 * Samples per point and hour since `since` (site_hours is keyed by round and hour, so this is one
 * short range whatever the number of points).
 */
export async function selectPointHours(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[] | "all",
  since: Date,
) {
  if (siteIds !== "all" && siteIds.length === 0) return [];
  let q = db
    .selectFrom("site_hours")
    .select(["site_id", "hour", "samples"])
    .where("campaign_id", "=", campaignId)
    .where("hour", ">=", since)
    .where("samples", "<>", 0);
  if (siteIds !== "all") q = q.where("site_id", "in", siteIds);
  return q.orderBy("site_id").orderBy("hour").execute();
}

export async function countWalkIns(
  db: Kysely<Database>,
  campaignId: string,
  siteIds: string[] | "all",
): Promise<number> {
  if (siteIds !== "all" && siteIds.length === 0) return 0;
  let q = db
    .selectFrom("walk_ins")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId);
  if (siteIds !== "all") q = q.where("site_id", "in", siteIds);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The round's samples queued for the rollups (not in the figures yet), and the oldest one's time. */
export async function selectPending(db: Kysely<Database>, campaignId: string) {
  const row = await db
    .selectFrom("coverage_queue")
    .select((eb) => [
      eb.fn.count<number>("sample_id").distinct().as("n"),
      eb.fn.min("queued_at").as("oldest"),
    ])
    .where("campaign_id", "=", campaignId)
    .executeTakeFirstOrThrow();
  return {
    samples: Number(row.n),
    oldestAt: row.oldest === null ? null : new Date(row.oldest as Date | string).toISOString(),
  };
}
