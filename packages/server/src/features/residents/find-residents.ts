import { type ResidentListPage, TOTAL_COUNT_CAP } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { toListItem } from "./present-resident";
import { countResidentsUpTo, selectResidentRows } from "./queries";
import { buildResidentFilter, type ResidentFilterQuery } from "./resident-filter";

export interface FindResidentsQuery extends ResidentFilterQuery {
  page?: number;
  pageSize?: number;
}

/**
 * One page of the residents the user may see, in walking order (community, grid, building,
 * unit, door), masked. Every filter is applied in SQL behind the scope filter; the total is
 * counted up to 10,000 so a broad search over a million residents stays fast.
 */
export async function findResidents(
  db: Kysely<Database>,
  user: SessionUser,
  query: FindResidentsQuery,
): Promise<ResidentListPage> {
  requirePermission(user, "resident.read");
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { filter } = await buildResidentFilter(db, user, query);

  const rows = await selectResidentRows(db, filter, { limit: pageSize, offset: (page - 1) * pageSize });
  // A short first page is the whole answer: no need to count.
  const counted =
    page === 1 && rows.length < pageSize
      ? rows.length
      : await countResidentsUpTo(db, filter, TOTAL_COUNT_CAP);
  return {
    items: rows.map((row) => toListItem(row)),
    page,
    pageSize,
    total: Math.min(counted, TOTAL_COUNT_CAP),
    totalIsLowerBound: counted > TOTAL_COUNT_CAP,
  };
}
