import type { RegionLevel } from "@shequ/core/regions";
import type { RegionSummary, UnitHousehold } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import {
  countActiveResidentsByRegion,
  selectChildRegions,
  selectProvinces,
  selectRegionsByIds,
  selectUnitHouseholds,
} from "./queries";
import { assertRegionInScope } from "./scope";

/**
 * Where the user's tree starts: their scope region, or every province for a whole-system
 * administrator. Anyone else without a scope gets nothing.
 */
export async function findRootRegions(db: Kysely<Database>, user: SessionUser): Promise<RegionSummary[]> {
  let roots: Region[] = [];
  if (user.scope) roots = await selectRegionsByIds(db, [user.scope.regionId]);
  else if (user.role === "admin") roots = await selectProvinces(db);
  return withResidentCounts(db, roots);
}

/** The regions right below one the user may see, in natural name order, with resident counts. */
export async function listChildRegions(
  db: Kysely<Database>,
  user: SessionUser,
  regionId: string,
): Promise<RegionSummary[]> {
  const parent = await assertRegionInScope(db, user, regionId);
  return withResidentCounts(db, await selectChildRegions(db, parent.id));
}

/** The households of a unit in door order (3-2-502 before 3-2-1001). */
export async function listUnitHouseholds(
  db: Kysely<Database>,
  user: SessionUser,
  regionId: string,
): Promise<UnitHousehold[]> {
  const unit = await assertRegionInScope(db, user, regionId);
  if (unit.level !== "unit") {
    const message = `Households hang below units; this region is a ${unit.level}`;
    throw new AppError("validation", message, { issues: [{ field: "id", reason: "not_unit", message }] });
  }
  const rows = await selectUnitHouseholds(db, unit.id);
  return rows.map((row) => ({ id: row.id, door: row.door, residentCount: Number(row.resident_count) }));
}

async function withResidentCounts(db: Kysely<Database>, regions: Region[]): Promise<RegionSummary[]> {
  const counts = await countActiveResidentsByRegion(db, regions);
  return regions.map((r) => ({
    id: r.id,
    level: r.level as RegionLevel,
    name: r.name,
    residentCount: counts.get(r.id) ?? 0,
  }));
}
