import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";

export const SESSION_COOKIE = "shequ_session";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db
    .insertInto("sessions")
    .values({ id: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The active user behind a session token, with their scope, or null. */
export async function findSessionUser(db: Kysely<Database>, token: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("regions as r", "r.id", "u.scope_region_id")
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.role",
      "u.scope_region_id",
      "r.level as scope_level",
      "r.path as scope_path",
      "s.expires_at",
    ])
    .where("s.id", "=", hashToken(token))
    .where("u.active", "=", true)
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= new Date()) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scope:
      row.scope_region_id && row.scope_level && row.scope_path
        ? { regionId: row.scope_region_id, level: row.scope_level, path: row.scope_path }
        : null,
  };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

/** Ends every session of a user, e.g. when an admin deactivates them or resets a password. */
export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
