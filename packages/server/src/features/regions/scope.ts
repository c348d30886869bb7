import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import { escapeLike } from "../../db/like";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";

/** A region as far as scope checks need it. */
export interface RegionRef {
  id: string;
  level: string;
  path: string;
}

/** Levels that residents and households carry as a denormalised `<level>_id` column. */
const DENORMALISED_LEVELS = new Set(["community", "grid", "building", "unit"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

/** `LIKE` pattern for "this path and everything below it"; paths hold only uuids and slashes. */
export function pathPrefixPattern(path: string): string {
  return `${escapeLike(path)}%`;
}

/**
 * Rows of `residents` or `households` (under the given table name or alias) that live in the
 * region or below it. Community and lower levels use the denormalised column, so the filter
 * is one indexed equality; higher levels match the communities under the region's path.
 */
export function livesInRegion(region: RegionRef, table: string): Expression<SqlBool> {
  if (DENORMALISED_LEVELS.has(region.level)) {
    return sql<SqlBool>`${sql.ref(`${table}.${region.level}_id`)} = ${region.id}`;
  }
  return sql<SqlBool>`${sql.ref(`${table}.community_id`)} in (select id from regions where level = 'community' and path like ${pathPrefixPattern(region.path)})`;
}

/**
 * The where-expression every query on residents must carry: what the user may see. An
 * administrator without a scope sees everything; anyone else without a scope sees nothing.
 * `table` is the table name or alias in the query (default "residents").
 */
export function residentScopeFilter(user: SessionUser, table = "residents"): Expression<SqlBool> {
  if (!user.scope) return user.role === "admin" ? TRUE : FALSE;
  return livesInRegion({ id: user.scope.regionId, level: user.scope.level, path: user.scope.path }, table);
}

/** The same rule for households, which carry the same denormalised columns. */
export function householdScopeFilter(user: SessionUser, table = "households"): Expression<SqlBool> {
  return residentScopeFilter(user, table);
}

/** Regions the user may open: the scope region and everything below it. */
export function regionScopeFilter(user: SessionUser, table = "regions"): Expression<SqlBool> {
  if (!user.scope) return user.role === "admin" ? TRUE : FALSE;
  return sql<SqlBool>`${sql.ref(`${table}.path`)} like ${pathPrefixPattern(user.scope.path)}`;
}

/** Whether a region (by its path) is inside the user's scope, for checks on rows already loaded. */
export function isRegionInScope(user: SessionUser, region: { path: string }): boolean {
  if (!user.scope) return user.role === "admin";
  return region.path.startsWith(user.scope.path);
}

/**
 * Loads a region the user may see, or answers 404 — the same answer as for an id that does not
 * exist, so ids outside the scope cannot be probed.
 */
export async function assertRegionInScope(
  db: Kysely<Database>,
  user: SessionUser,
  regionId: string,
): Promise<Region> {
  const region = UUID.test(regionId)
    ? await db
        .selectFrom("regions")
        .selectAll()
        .where("id", "=", regionId)
        .where(regionScopeFilter(user))
        .executeTakeFirst()
    : undefined;
  if (!region) throw new AppError("not_found", "Region not found");
  return region;
}

/** Whether a string is a uuid, so a malformed id is a 404 rather than a database error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
