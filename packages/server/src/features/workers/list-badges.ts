import type { WorkerBadgeList } from "@shequ/core/worker-schema";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { toWorkerItem } from "./present-worker";
import { selectWorkerRows } from "./queries";
import { workerScopeFilter } from "./worker-scope";

/** One print run: a community's whole workforce fits. */
export const MAX_BADGES = 2000;

/**
 * The badge cards to print — approved people of a community, or the ones picked — with the
 * codes their QR carries, in armband order. The codes open a person's own shifts, so the
 * printing is audited (count only).
 */
export async function listBadges(
  db: Kysely<Database>,
  user: SessionUser,
  query: { communityId?: string; ids?: string[] },
): Promise<WorkerBadgeList> {
  requirePermission(user, "workforce.manage");
  const ids = (query.ids ?? []).filter(isUuid);
  const filters = [
    workerScopeFilter(user, "w"),
    sql<SqlBool>`w.status = 'approved' and w.badge_code is not null`,
  ];
  if (query.communityId) filters.push(sql<SqlBool>`w.community_id = ${query.communityId}`);
  if (query.ids) filters.push(ids.length ? sql<SqlBool>`w.id in (${sql.join(ids)})` : sql<SqlBool>`false`);
  const rows = await selectWorkerRows(db, sql<SqlBool>`(${sql.join(filters, sql` and `)})`)
    .orderBy(sql`length(w.badge_no)`)
    .orderBy("w.badge_no")
    .limit(MAX_BADGES)
    .execute();
  await recordAudit(db, {
    userId: user.id,
    action: "worker.badges",
    entityType: "region",
    entityId: query.communityId ?? null,
    details: { count: rows.length },
  });
  return { items: rows.map((row) => ({ ...toWorkerItem(row), badgeCode: row.badge_code ?? "" })) };
}
