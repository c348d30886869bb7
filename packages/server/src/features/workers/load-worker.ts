import type { WorkerDetail } from "@shequ/core/worker-schema";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { isUuid, pathPrefixPattern } from "../regions/scope";
import { toWorkerDetail } from "./present-worker";
import { selectLoans, selectWorkerRows, type WorkerRow } from "./queries";
import { workerScopeFilter } from "./worker-scope";

/**
 * Loads a worker the user may see (own community in scope, or lent into it), or answers 404 —
 * the same answer as for an id that does not exist. `home: true` asks for the stricter rule of
 * changes that belong to the person's own community (lending them out, approving a sign-up):
 * someone merely lent in is then not found.
 */
export async function loadWorkerInScope(
  db: Kysely<Database>,
  user: SessionUser,
  workerId: string,
  opts: { home?: boolean; lock?: boolean } = {},
): Promise<WorkerRow> {
  if (!isUuid(workerId)) throw notFound();
  const filter = opts.home ? homeScopeFilter(user) : workerScopeFilter(user, "w");
  let query = selectWorkerRows(db, sql<SqlBool>`w.id = ${workerId} and ${filter}`);
  if (opts.lock) query = query.forUpdate("w");
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The worker in full, as the API answers after a read or a write. */
export async function loadWorkerDetail(
  db: Kysely<Database>,
  user: SessionUser,
  workerId: string,
): Promise<WorkerDetail> {
  const row = await loadWorkerInScope(db, user, workerId);
  return toWorkerDetail(row, await selectLoans(db, row.id));
}

function homeScopeFilter(user: SessionUser) {
  if (!user.scope) return user.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  return sql<SqlBool>`w.community_id in (select id from regions where path like ${pathPrefixPattern(user.scope.path)})`;
}

const notFound = () => new AppError("not_found", "Worker not found");
