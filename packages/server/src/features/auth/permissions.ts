import { type Permission, roleCan } from "@shequ/core/roles";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";

/** Throws 403 unless the user's role carries the permission. */
export function requirePermission(user: SessionUser, permission: Permission): void {
  if (!roleCan(user.role, permission)) {
    throw new AppError("forbidden", `Your role may not do this (${permission})`, { permission });
  }
}
