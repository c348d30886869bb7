import type { ResidentFlag } from "@shequ/core/flags";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { assertRegionInScope, livesInRegion, residentScopeFilter } from "../regions/scope";
import { readSearchTerm } from "./search-terms";

export interface ResidentFilterQuery {
  q?: string;
  regionId?: string;
  flags?: ResidentFlag[];
  status?: "active" | "moved_out" | "all";
}

/**
 * The SQL condition (on residents aliased `r`) for "the residents this user may see that match
 * the search": scope first, then region, status (active by default), flags and the search box.
 * The list and the export both use it, so an export holds exactly what the list showed.
 */
export async function buildResidentFilter(
  db: Kysely<Database>,
  user: SessionUser,
  query: ResidentFilterQuery,
): Promise<{ filter: Expression<SqlBool>; searched: boolean }> {
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
  return { filter: sql<SqlBool>`(${sql.join(conditions, sql` and `)})`, searched: Boolean(term) };
}
