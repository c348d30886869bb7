import type { Kysely } from "kysely";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { pathIds, selectRegionsByIds } from "./queries";
import { assertRegionInScope } from "./scope";

/** The four regions a household's address is made of. */
export interface UnitAddress {
  community: Region;
  grid: Region;
  building: Region;
  unit: Region;
}

/**
 * The community, grid, building and unit of a unit inside the user's scope, for placing a
 * household there and writing its denormalised ids and walking-order key. `field` names the
 * input that carried the id, so a wrong level is reported next to it.
 */
export async function findUnitAddress(
  db: Kysely<Database>,
  user: SessionUser,
  unitId: string,
  field = "unitId",
): Promise<UnitAddress> {
  const unit = await assertRegionInScope(db, user, unitId);
  if (unit.level !== "unit") {
    const message = `Choose a unit (单元), not a ${unit.level}`;
    throw new AppError("validation", message, { issues: [{ field, reason: "not_unit", message }] });
  }
  // The path is /province/city/district/subdistrict/community/grid/building/unit/.
  const [communityId, gridId, buildingId] = pathIds(unit.path).slice(4, 7);
  const chain = await selectRegionsByIds(
    db,
    [communityId, gridId, buildingId].filter((id) => id !== undefined),
  );
  const find = (id: string | undefined, level: string) => {
    const region = chain.find((r) => r.id === id && r.level === level);
    if (!region) throw new Error(`Region path of unit ${unit.id} lacks its ${level}`);
    return region;
  };
  return {
    community: find(communityId, "community"),
    grid: find(gridId, "grid"),
    building: find(buildingId, "building"),
    unit,
  };
}
