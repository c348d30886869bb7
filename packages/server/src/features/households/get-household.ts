import type { HouseholdDetail } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findUnitAddress } from "../regions/find-unit-address";
import { householdScopeFilter, isUuid } from "../regions/scope";
import { listHouseholdResidents } from "../residents/get-resident";

/**
 * One household (户) with its address and residents, masked. Outside the user's scope it is a
 * 404, like an id that does not exist.
 */
export async function getHousehold(
  db: Kysely<Database>,
  user: SessionUser,
  householdId: string,
): Promise<HouseholdDetail> {
  requirePermission(user, "resident.read");
  const household = isUuid(householdId)
    ? await db
        .selectFrom("households")
        .select(["id", "door", "unit_id"])
        .where("id", "=", householdId)
        .where(householdScopeFilter(user))
        .executeTakeFirst()
    : undefined;
  if (!household) throw new AppError("not_found", "Household not found");
  const address = await findUnitAddress(db, user, household.unit_id);
  const named = (r: { id: string; name: string }) => ({ id: r.id, name: r.name });
  return {
    id: household.id,
    door: household.door,
    address: {
      community: named(address.community),
      grid: named(address.grid),
      building: named(address.building),
      unit: named(address.unit),
    },
    residents: await listHouseholdResidents(db, user, household.id),
  };
}
