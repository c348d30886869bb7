import type { Role } from "@shequ/core/roles";
import type { Scope, SessionUser } from "../../http";

/**
 * Who sends results: a signed-in user (file upload, conflicts) or a lab machine's token (the
 * bearer API). Either way the scope says whose tubes the results may touch.
 */
export interface LabActor {
  userId: string | null;
  tokenId: string | null;
  /** The user's display name or the token's name, shown as who sent a batch. */
  name: string;
  role: Role;
  scope: Scope | null;
}

export function actorOfUser(user: SessionUser): LabActor {
  return { userId: user.id, tokenId: null, name: user.displayName, role: user.role, scope: user.scope };
}

/** The scope helpers of other features read role and scope only; they take a SessionUser. */
export function scopeUser(actor: LabActor): SessionUser {
  return {
    id: actor.userId ?? "00000000-0000-0000-0000-000000000000",
    username: "",
    displayName: "",
    role: actor.role,
    scope: actor.scope,
  };
}
