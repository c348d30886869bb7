import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { type AuditFilter, selectAuditEntries } from "./queries";

export interface AuditEntryView {
  id: string;
  at: string;
  user: { id: string; username: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/**
 * Who did what, newest first. An officer with a scope sees what was done by accounts inside it
 * and what was done to accounts or residents inside it; an unscoped admin sees everything.
 * Entries by the command line or the system (no user) show `user: null`.
 */
export async function listAudit(
  db: Kysely<Database>,
  opts: { actor: SessionUser; filter: Omit<AuditFilter, "withinPath">; page: number; pageSize: number },
): Promise<{ items: AuditEntryView[]; total: number }> {
  requirePermission(opts.actor, "audit.read");
  // Only an admin may go without a scope; anyone else without one sees nothing, as elsewhere.
  if (!opts.actor.scope && opts.actor.role !== "admin") return { items: [], total: 0 };
  const { rows, total } = await selectAuditEntries(
    db,
    { ...opts.filter, withinPath: opts.actor.scope?.path ?? null },
    { limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      user:
        r.userId && r.username
          ? { id: r.userId, username: r.username, displayName: r.displayName ?? r.username }
          : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      details: r.details,
    })),
    total,
  };
}
