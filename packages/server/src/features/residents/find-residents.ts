import type { ResidentFlag } from "@shequ/core/flags";
import { type ResidentListPage, TOTAL_COUNT_CAP } from "@shequ/core/resident-schema";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { assertRegionInScope, livesInRegion, residentScopeFilter } from "../regions/scope";
import { toListItem } from "./present-resident";
import { countResidentsUpTo, selectResidentRows } from "./queries";
import { readSearchTerm } from "./search-terms";

export interface FindResidentsQuery {
  q?: string;
  regionId?: string;
  flags?: ResidentFlag[];
  status?: "active" | "moved_out" | "all";
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
  const conditions: Expression<SqlBool>[] = [residentScopeFilter(user, "r")];
  if (query.regionId)
    conditions.push(livesInRegion(await assertRegionInScope(db, user, query.regionId), "r"));
  const status = query.status ?? "active";
  if (status !== "all") conditions.push(sql<SqlBool>`r.status = ${status}`);
  if (query.flags && query.flags.length > 0) {
    conditions.push(sql<SqlBool>`r.flags @> array[${sql.join(query.flags)}]::text[]`);
  }
  const term = query.q ? readSearchTerm(query.q) : undefined;
  if (term?.kind === "name") conditions.push(sql<SqlBool>`r.name like ${term.pattern}`);
  if (term?.kind === "id_number") conditions.push(sql<SqlBool>`r.id_number like ${term.pattern}`);
  if (term?.kind === "phone_or_id") {
    conditions.push(sql<SqlBool>`(r.phone like ${term.pattern} or r.id_number like ${term.pattern})`);
  }
  const filter = sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;

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
