import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { LabActor } from "./lab-actor";
import { hashLabToken } from "./lab-tokens";

const refuse = () =>
  new AppError("unauthenticated", "A valid lab token is required: Authorization: Bearer <token>");

/**
 * The lab machine behind a bearer token, scoped to the token's region, or 401 — the same answer
 * for a missing, unknown or revoked token. Records when the token was last used.
 */
export async function authenticateLabToken(
  db: Kysely<Database>,
  header: string | undefined,
): Promise<LabActor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) throw refuse();
  const row = await db
    .updateTable("lab_tokens as t")
    .set({ last_used_at: new Date() })
    .from("regions as r")
    .whereRef("r.id", "=", "t.region_id")
    .where("t.token_hash", "=", hashLabToken(match[1]))
    .where("t.revoked_at", "is", null)
    .returning(["t.id", "t.name", "r.id as region_id", "r.level", "r.path"])
    .executeTakeFirst();
  if (!row) throw refuse();
  return {
    userId: null,
    tokenId: row.id,
    name: row.name,
    role: "lab",
    scope: { regionId: row.region_id, level: row.level, path: row.path },
  };
}
