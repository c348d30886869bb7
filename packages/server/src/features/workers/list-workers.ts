import type { WorkerListPage, WorkerListQuery } from "@shequ/core/worker-schema";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import { escapeLike } from "../../db/like";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { toWorkerItem } from "./present-worker";
import { countWorkersByStatus, selectWorkerRows } from "./queries";
import { workerScopeFilter } from "./worker-scope";

/**
 * One page of the workforce the user may plan — people of their communities and people lent in
 * — pending sign-ups first, then by armband number. Phones are masked; the per-status counts
 * (same filters, any status) let the screen show how many sign-ups wait for approval.
 */
export async function listWorkers(
  db: Kysely<Database>,
  user: SessionUser,
  query: WorkerListQuery,
): Promise<WorkerListPage> {
  requirePermission(user, "workforce.manage");
  const base = buildFilter(user, query);
  const filter = query.status ? sql<SqlBool>`${base} and w.status = ${query.status}` : base;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const rows = await selectWorkerRows(db, filter)
    .orderBy(sql`case w.status when 'pending' then 0 when 'approved' then 1 else 2 end`)
    .orderBy(sql`w.badge_no is null`)
    .orderBy(sql`length(w.badge_no)`)
    .orderBy("w.badge_no")
    .orderBy("w.created_at", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const counts = await countWorkersByStatus(db, base);
  const total = query.status
    ? (counts[query.status] ?? 0)
    : Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { items: rows.map(toWorkerItem), page, pageSize, total, counts };
}

function buildFilter(user: SessionUser, query: WorkerListQuery): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [workerScopeFilter(user, "w")];
  if (query.communityId) {
    parts.push(sql<SqlBool>`(w.community_id = ${query.communityId} or exists (select 1 from worker_loans l
      where l.worker_id = w.id and l.to_community_id = ${query.communityId} and l.ends_at > now()))`);
  }
  if (query.source) parts.push(sql<SqlBool>`w.source = ${query.source}`);
  if (query.qualification) parts.push(sql<SqlBool>`${query.qualification} = any(w.qualifications)`);
  const q = query.q?.replace(/\s+/g, "");
  if (q) {
    if (/^\d{3,11}$/.test(q)) parts.push(sql<SqlBool>`w.phone like ${`${q}%`}`);
    else if (/^b\d+$/i.test(q))
      parts.push(sql<SqlBool>`w.badge_no like ${`${escapeLike(q.toUpperCase())}%`}`);
    else parts.push(sql<SqlBool>`w.name like ${`%${escapeLike(q)}%`}`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}
