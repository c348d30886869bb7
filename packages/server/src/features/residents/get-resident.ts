import type { ResidentDetail, ResidentListItem } from "@shequ/core/resident-schema";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { isUuid, residentScopeFilter } from "../regions/scope";
import { chinaToday, toListItem } from "./present-resident";
import { type ResidentRow, selectResidentRows } from "./queries";

/** Household members are few; this only bounds a broken import. */
const MAX_HOUSEHOLD_MEMBERS = 500;

/**
 * A resident the user may see, or 404 — the same answer as for an id that does not exist, so
 * ids outside the scope cannot be probed.
 */
export async function loadResidentInScope(
  db: Kysely<Database>,
  user: SessionUser,
  residentId: string,
): Promise<ResidentRow> {
  const rows = isUuid(residentId)
    ? await selectResidentRows(
        db,
        sql<SqlBool>`(r.id = ${residentId} and ${residentScopeFilter(user, "r")})`,
        { limit: 1 },
      )
    : [];
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Resident not found");
  return row;
}

/** One resident, masked like the list, with the rest of their household. */
export async function getResident(
  db: Kysely<Database>,
  user: SessionUser,
  residentId: string,
): Promise<ResidentDetail> {
  requirePermission(user, "resident.read");
  const row = await loadResidentInScope(db, user, residentId);
  const members = await listHouseholdResidents(db, user, row.household_id);
  return toDetail(
    row,
    members.filter((m) => m.id !== row.id),
  );
}

/**
 * The residents of one household (moved-out ones included, marked by status), masked, in
 * walking order. Empty when the household is outside the user's scope.
 */
export async function listHouseholdResidents(
  db: Kysely<Database>,
  user: SessionUser,
  householdId: string,
): Promise<ResidentListItem[]> {
  requirePermission(user, "resident.read");
  const rows = await selectResidentRows(
    db,
    sql<SqlBool>`(r.household_id = ${householdId} and ${residentScopeFilter(user, "r")})`,
    { limit: MAX_HOUSEHOLD_MEMBERS },
  );
  const today = chinaToday();
  return rows.map((r) => toListItem(r, today));
}

export function toDetail(row: ResidentRow, householdMembers: ResidentListItem[]): ResidentDetail {
  return {
    ...toListItem(row),
    note: row.note,
    version: row.version,
    movedOutAt: row.moved_out_at ? new Date(row.moved_out_at).toISOString() : null,
    addressIds: {
      communityId: row.community_id,
      gridId: row.grid_id,
      buildingId: row.building_id,
      unitId: row.unit_id,
    },
    householdMembers,
  };
}
