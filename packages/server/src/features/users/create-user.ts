import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, passwordProblem } from "../auth/password";
import { requirePermission } from "../auth/permissions";
import { displayNameIssue, normalizeUsername, usernameIssue } from "./account-fields";
import { checkAccountScope } from "./check-account-scope";
import { findUserRow, usernameTaken } from "./queries";
import { toUserViews, type UserView } from "./user-view";

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionId: string | null;
  password: string;
}

/**
 * Opens an account. `actor` is the admin doing it, or null for the operator at the command line
 * (who has the server's own rights). Every problem is a 422 naming its field; a taken username is
 * a 409. The password never reaches the audit log.
 */
export async function createUser(
  db: Kysely<Database>,
  opts: NewAccount & { actor: SessionUser | null },
): Promise<UserView> {
  if (opts.actor) requirePermission(opts.actor, "user.manage");
  const username = normalizeUsername(opts.username);
  const displayName = opts.displayName.trim();
  const passwordMessage = passwordProblem(opts.password);
  const issues = [
    usernameIssue(username),
    displayNameIssue(displayName),
    passwordMessage ? { field: "password", reason: "weak", message: passwordMessage } : undefined,
  ].filter((i): i is FieldIssue => !!i);
  if (issues.length) {
    throw new AppError("validation", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
  }
  await checkAccountScope(db, {
    role: opts.role,
    scopeRegionId: opts.scopeRegionId,
    actorScopePath: opts.actor?.scope?.path ?? null,
    field: "scopeRegionId",
  });
  if (await usernameTaken(db, username)) throw usernameConflict(username);

  const passwordHash = await hashPassword(opts.password);
  const id = newId();
  try {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto("users")
        .values({
          id,
          username,
          display_name: displayName,
          password_hash: passwordHash,
          role: opts.role,
          scope_region_id: opts.scopeRegionId,
        })
        .execute();
      await recordAudit(trx, {
        userId: opts.actor?.id ?? null,
        action: "user.create",
        entityType: "user",
        entityId: id,
        details: {
          fields: ["username", "displayName", "role", "scopeRegionId", "password"],
          role: opts.role,
          scopeRegionId: opts.scopeRegionId,
          ...(opts.actor ? {} : { via: "cli" }),
        },
      });
    });
  } catch (error) {
    // Two admins creating the same username at once: the unique index decides.
    if ((error as { code?: string }).code === "23505") throw usernameConflict(username);
    throw error;
  }
  const row = await findUserRow(db, id);
  if (!row) throw new AppError("internal", "The new account could not be read back");
  const [view] = await toUserViews(db, [row]);
  return view as UserView;
}

function usernameConflict(username: string): AppError {
  const message = `The username "${username}" is already taken`;
  return new AppError("conflict", message, { issues: [{ field: "username", reason: "taken", message }] });
}
