import type { Role } from "@shequ/core/roles";
import type { Scope, SessionUser } from "../../http";

/**
 * Who runs an import or export: a signed-in user, or the command-line operator (id null, an
 * unscoped administrator unless a scope is given), so both paths share the same use cases.
 */
export interface Actor {
  id: string | null;
  role: Role;
  scope: Scope | null;
}

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, role: user.role, scope: user.scope };
}

/** The scope helpers of the regions feature read role and scope only; they take a SessionUser. */
export function asSessionUser(actor: Actor): SessionUser {
  return {
    id: actor.id ?? "00000000-0000-0000-0000-000000000000",
    username: actor.id ? "" : "command-line",
    displayName: actor.id ? "" : "command line",
    role: actor.role,
    scope: actor.scope,
  };
}
