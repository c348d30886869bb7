import { type Expression, type SqlBool, sql } from "kysely";
import type { SessionUser } from "../../http";
import { pathPrefixPattern } from "../regions/scope";

/**
 * The where-expression on `workers` (under the given alias) for what a user may see and plan:
 * people of a community inside the user's scope, and people lent to such a community for a loan
 * that has not ended. An administrator without a scope sees everyone; anyone else without one,
 * no one. A grid worker's scope is below the community level, so they see no workforce.
 */
export function workerScopeFilter(user: SessionUser, table = "w"): Expression<SqlBool> {
  if (!user.scope) return user.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  const under = pathPrefixPattern(user.scope.path);
  const id = sql.ref(`${table}.id`);
  const community = sql.ref(`${table}.community_id`);
  return sql<SqlBool>`(${community} in (select id from regions where path like ${under})
    or exists (select 1 from worker_loans l join regions lr on lr.id = l.to_community_id
      where l.worker_id = ${id} and l.ends_at > now() and lr.path like ${under}))`;
}
