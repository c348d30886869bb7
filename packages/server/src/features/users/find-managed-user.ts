import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { notFound } from "../../errors";
import type { SessionUser } from "../../http";
import { findUserRow, type UserRow } from "./queries";

/**
 * The account if the actor may manage it: any account for an unscoped admin, otherwise only
 * accounts scoped inside the actor's region. Others answer 404, as if they did not exist.
 */
export async function findManagedUser(
  db: Kysely<Database>,
  actor: SessionUser | null,
  userId: string,
): Promise<UserRow> {
  const row = await findUserRow(db, userId);
  const actorPath = actor?.scope?.path;
  if (!row || (actorPath && !row.scopePath?.startsWith(actorPath))) throw notFound("Account");
  return row;
}
