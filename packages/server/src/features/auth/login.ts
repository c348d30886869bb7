import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { verifyPassword } from "./password";
import { createSession } from "./sessions";

const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_USERNAME = 5;
const MAX_FAILURES_PER_IP = 30;
// Verifying against a dummy hash keeps unknown usernames as slow as wrong passwords.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * Checks a username and password and opens a session. Failed attempts are counted in the
 * database (so the limit holds across several server instances): after 5 failures for one
 * username or 30 from one address in 15 minutes, further attempts get 429 until the window passes.
 */
export async function login(
  db: Kysely<Database>,
  opts: { username: string; password: string; ip: string; ttlHours: number },
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const username = opts.username.trim().toLowerCase();
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const failures = await db
    .selectFrom("login_attempts")
    .select((eb) => [
      eb.fn.count<number>("id").filterWhere("username", "=", username).as("by_user"),
      eb.fn.count<number>("id").filterWhere("ip", "=", opts.ip).as("by_ip"),
    ])
    .where("at", ">", since)
    .where("ok", "=", false)
    .where((eb) => eb.or([eb("username", "=", username), eb("ip", "=", opts.ip)]))
    .executeTakeFirstOrThrow();
  if (
    Number(failures.by_user) >= MAX_FAILURES_PER_USERNAME ||
    Number(failures.by_ip) >= MAX_FAILURES_PER_IP
  ) {
    throw new AppError("rate_limited", "Too many failed sign-ins: wait 15 minutes and try again", {
      retryAfterSeconds: WINDOW_MINUTES * 60,
    });
  }

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "active"])
    .where("username", "=", username)
    .executeTakeFirst();
  const ok = (await verifyPassword(opts.password, user?.password_hash ?? DUMMY_HASH)) && !!user?.active;
  await db.insertInto("login_attempts").values({ id: newId(), username, ip: opts.ip, ok }).execute();
  if (!ok || !user) {
    throw new AppError("unauthenticated", "Wrong username or password");
  }
  await db.updateTable("users").set({ last_login_at: new Date() }).where("id", "=", user.id).execute();
  await pruneAfterLogin(db, { userId: user.id, username, ip: opts.ip });
  await recordAudit(db, { userId: user.id, action: "auth.login", entityType: "user", entityId: user.id });
  const session = await createSession(db, user.id, opts.ttlHours);
  return { ...session, userId: user.id };
}

/**
 * Keeps the auth tables from growing without end, using their indexes: the user's expired
 * sessions go, and attempts older than a day for this username or address (the rate limit only
 * looks back 15 minutes).
 */
async function pruneAfterLogin(
  db: Kysely<Database>,
  who: { userId: string; username: string; ip: string },
): Promise<void> {
  const now = new Date();
  await db.deleteFrom("sessions").where("user_id", "=", who.userId).where("expires_at", "<", now).execute();
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  await db
    .deleteFrom("login_attempts")
    .where("username", "=", who.username)
    .where("at", "<", dayAgo)
    .execute();
  await db.deleteFrom("login_attempts").where("ip", "=", who.ip).where("at", "<", dayAgo).execute();
}
