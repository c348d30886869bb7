import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { selectUsers } from "./queries";
import { toUserViews, type UserView } from "./user-view";

/**
 * Lists accounts an admin may manage: all of them for an admin without a scope, otherwise only
 * those scoped inside the admin's own region.
 */
export async function listUsers(
  db: Kysely<Database>,
  opts: { actor: SessionUser; q?: string; role?: Role; page: number; pageSize: number },
): Promise<{ items: UserView[]; total: number }> {
  requirePermission(opts.actor, "user.manage");
  const { rows, total } = await selectUsers(db, {
    q: opts.q,
    role: opts.role,
    withinPath: opts.actor.scope?.path ?? null,
    limit: opts.pageSize,
    offset: (opts.page - 1) * opts.pageSize,
  });
  return { items: await toUserViews(db, rows), total };
}
