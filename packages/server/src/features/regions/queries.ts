import { levelDepth, type RegionLevel } from "@shequ/core/regions";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database, Region } from "../../db/schema";
import { livesInRegion, pathPrefixPattern, type RegionRef } from "./scope";

const DENORMALISED_LEVELS = new Set(["community", "grid", "building", "unit"]);

/** The ids on a region path, top first: '/a/b/c/' → [a, b, c]. */
export function pathIds(path: string): string[] {
  return path.split("/").filter((part) => part !== "");
}

export function selectRegionsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Region[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("regions")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

export function selectProvinces(db: Kysely<Database>): Promise<Region[]> {
  return db
    .selectFrom("regions")
    .selectAll()
    .where("parent_id", "is", null)
    .orderBy("sort_key")
    .orderBy("id")
    .execute();
}

export function selectChildRegions(db: Kysely<Database>, parentId: string): Promise<Region[]> {
  return db
    .selectFrom("regions")
    .selectAll()
    .where("parent_id", "=", parentId)
    .orderBy("sort_key")
    .orderBy("id")
    .execute();
}

export async function countChildRegions(db: Kysely<Database>, parentId: string): Promise<number> {
  const row = await db
    .selectFrom("regions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("parent_id", "=", parentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Per-unit counters kept by triggers (migration 0002), so the tree never counts a million rows. */
interface UnitCountsTable {
  unit_id: string;
  building_id: string;
  grid_id: string;
  community_id: string;
  residents: number;
  households: number;
}
const withCounts = (db: Kysely<Database>) => db.withTables<{ unit_counts: UnitCountsTable }>();

export async function countHouseholdsIn(db: Kysely<Database>, region: RegionRef): Promise<number> {
  const row = await withCounts(db)
    .selectFrom("unit_counts as uc")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("uc.households"), sql<number>`0`).as("n"))
    .where(livesInRegion(region, "uc"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Active residents per region for a set of regions, summed from the per-unit counters on their
 * denormalised columns. Regions above community level are summed from their communities, each
 * community attributed by the ancestor id on its path.
 */
export async function countActiveResidentsByRegion(
  db: Kysely<Database>,
  regions: readonly RegionRef[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(regions.map((r) => [r.id, 0]));
  const byLevel = new Map<string, RegionRef[]>();
  for (const region of regions) byLevel.set(region.level, [...(byLevel.get(region.level) ?? []), region]);
  for (const [level, group] of byLevel) {
    if (DENORMALISED_LEVELS.has(level)) {
      const column = sql.ref(`uc.${level}_id`);
      const rows = await withCounts(db)
        .selectFrom("unit_counts as uc")
        .select([sql<string>`${column}`.as("region_id"), (eb) => eb.fn.sum<number>("uc.residents").as("n")])
        .where(sql<SqlBool>`${column} in (${sql.join(group.map((g) => g.id))})`)
        .groupBy(column)
        .execute();
      for (const row of rows) counts.set(row.region_id, Number(row.n));
      continue;
    }
    const depth = levelDepth(level as RegionLevel);
    const underAny: Expression<SqlBool> = sql<SqlBool>`(${sql.join(
      group.map((g) => sql`c.path like ${pathPrefixPattern(g.path)}`),
      sql` or `,
    )})`;
    const rows = await withCounts(db)
      .selectFrom("unit_counts as uc")
      .innerJoin("regions as c", "c.id", "uc.community_id")
      .select(["c.path", (eb) => eb.fn.sum<number>("uc.residents").as("n")])
      .where(underAny)
      .groupBy("c.path")
      .execute();
    for (const row of rows) {
      const ancestor = pathIds(row.path)[depth];
      if (ancestor && counts.has(ancestor)) counts.set(ancestor, (counts.get(ancestor) ?? 0) + Number(row.n));
    }
  }
  return counts;
}

/** Households of a unit in door order, each with its number of active residents. */
export function selectUnitHouseholds(db: Kysely<Database>, unitId: string) {
  return db
    .selectFrom("households as h")
    .leftJoin("residents as r", (join) =>
      join.onRef("r.household_id", "=", "h.id").on("r.status", "=", "active"),
    )
    .select(["h.id", "h.door", (eb) => eb.fn.count<number>("r.id").as("resident_count")])
    .where("h.unit_id", "=", unitId)
    .groupBy(["h.id", "h.door", "h.sort_key"])
    .orderBy("h.sort_key")
    .orderBy("h.id")
    .execute();
}

export function selectSiblingByName(
  db: Kysely<Database>,
  parentId: string | null,
  name: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("regions")
    .select("id")
    .where("name", "=", name)
    .where((eb) => (parentId ? eb("parent_id", "=", parentId) : eb("parent_id", "is", null)))
    .executeTakeFirst();
}
