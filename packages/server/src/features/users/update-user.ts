import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { deleteUserSessions } from "../auth/sessions";
import { displayNameIssue } from "./account-fields";
import { checkAccountScope, fieldError } from "./check-account-scope";
import { findManagedUser } from "./find-managed-user";
import { findUserRow } from "./queries";
import { toUserViews, type UserView } from "./user-view";

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  scopeRegionId?: string | null;
  active?: boolean;
}

/**
 * Changes an account. Deactivating it or changing its role or scope ends its sessions at once, so
 * the new rights apply on the next request rather than when the cookie expires. An admin cannot
 * deactivate, demote or re-scope themselves: another admin has to, so nobody locks out the last one.
 */
export async function updateUser(
  db: Kysely<Database>,
  opts: { actor: SessionUser; userId: string; changes: AccountChanges },
): Promise<UserView> {
  const { actor, changes } = opts;
  requirePermission(actor, "user.manage");
  const current = await findManagedUser(db, actor, opts.userId);

  const changed: string[] = [];
  const set: { display_name?: string; role?: Role; scope_region_id?: string | null; active?: boolean } = {};
  if (changes.displayName !== undefined && changes.displayName.trim() !== current.displayName) {
    const displayName = changes.displayName.trim();
    const issue = displayNameIssue(displayName);
    if (issue) throw fieldError(issue.field, issue.reason, issue.message);
    set.display_name = displayName;
    changed.push("displayName");
  }
  if (changes.role !== undefined && changes.role !== current.role) {
    set.role = changes.role;
    changed.push("role");
  }
  if (changes.scopeRegionId !== undefined && changes.scopeRegionId !== current.scopeRegionId) {
    set.scope_region_id = changes.scopeRegionId;
    changed.push("scopeRegionId");
  }
  if (changes.active !== undefined && changes.active !== current.active) {
    set.active = changes.active;
    changed.push("active");
  }

  if (current.id === actor.id) {
    if (set.active === false) throw fieldError("active", "self", "You cannot deactivate your own account");
    if (set.role) throw fieldError("role", "self", "You cannot change your own role: ask another admin");
    if ("scope_region_id" in set) {
      throw fieldError("scopeRegionId", "self", "You cannot change your own scope: ask another admin");
    }
  }
  if (set.role || "scope_region_id" in set) {
    await checkAccountScope(db, {
      role: set.role ?? current.role,
      scopeRegionId: "scope_region_id" in set ? (set.scope_region_id ?? null) : current.scopeRegionId,
      // An unchanged scope was already inside the actor's (or the account would be invisible).
      actorScopePath: "scope_region_id" in set ? (actor.scope?.path ?? null) : null,
      field: "scope_region_id" in set ? "scopeRegionId" : "role",
    });
  }

  const endsSessions = set.active === false || !!set.role || "scope_region_id" in set;
  if (changed.length) {
    await inTransaction(db, async (trx) => {
      await trx
        .updateTable("users")
        .set({ ...set, updated_at: new Date() })
        .where("id", "=", current.id)
        .execute();
      if (endsSessions) await deleteUserSessions(trx, current.id);
      await recordAudit(trx, {
        userId: actor.id,
        action: "user.update",
        entityType: "user",
        entityId: current.id,
        details: { fields: changed, ...(set.role ? { role: set.role } : {}), endedSessions: endsSessions },
      });
    });
  }
  const row = await findUserRow(db, current.id);
  if (!row) throw new AppError("not_found", "Account not found");
  const [view] = await toUserViews(db, [row]);
  return view as UserView;
}
