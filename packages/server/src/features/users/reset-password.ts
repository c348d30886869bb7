import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, passwordProblem } from "../auth/password";
import { requirePermission } from "../auth/permissions";
import { deleteUserSessions } from "../auth/sessions";
import { fieldError } from "./check-account-scope";
import { findManagedUser } from "./find-managed-user";

/**
 * Sets a new password for someone who forgot theirs (or whose password leaked) and ends all their
 * sessions, so whoever held the old one is signed out everywhere.
 */
export async function resetPassword(
  db: Kysely<Database>,
  opts: { actor: SessionUser; userId: string; password: string },
): Promise<void> {
  requirePermission(opts.actor, "user.manage");
  const target = await findManagedUser(db, opts.actor, opts.userId);
  const problem = passwordProblem(opts.password);
  if (problem) throw fieldError("password", "weak", problem);
  const passwordHash = await hashPassword(opts.password);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("id", "=", target.id)
      .execute();
    await deleteUserSessions(trx, target.id);
    await recordAudit(trx, {
      userId: opts.actor.id,
      action: "user.password_reset",
      entityType: "user",
      entityId: target.id,
      details: { fields: ["password"], endedSessions: true },
    });
  });
}
