import { createHash, randomBytes } from "node:crypto";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { assertRegionInScope, isUuid, pathPrefixPattern } from "../regions/scope";

export interface LabTokenView {
  id: string;
  name: string;
  regionId: string;
  regionName: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Tokens start with a tag so a leaked one is recognisable in a log or a repository scan. */
const TOKEN_PREFIX = "shequ_lab_";

/** Only the hash is stored: a database dump does not let anyone post results. */
export function hashLabToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function tokenVisible(user: SessionUser): Expression<SqlBool> {
  if (!user.scope) return user.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  return sql<SqlBool>`r.path like ${pathPrefixPattern(user.scope.path)}`;
}

/**
 * Makes a token for a lab's machine to post results for tubes of one area (inside the user's
 * own). The token is answered once and never again; only its sha256 is kept.
 */
export async function createLabToken(
  db: Kysely<Database>,
  user: SessionUser,
  input: { name: string; regionId: string },
): Promise<LabTokenView & { token: string }> {
  requirePermission(user, "lab.results");
  const region = await assertRegionInScope(db, user, input.regionId);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("lab_tokens")
      .values({
        id: newId(),
        name: input.name,
        token_hash: hashLabToken(token),
        region_id: region.id,
        created_by: user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      userId: user.id,
      action: "lab.token.create",
      entityType: "lab_token",
      entityId: row.id,
      details: { regionId: region.id },
    });
    return {
      id: row.id,
      name: row.name,
      regionId: region.id,
      regionName: region.name,
      createdAt: row.created_at.toISOString(),
      createdBy: user.displayName,
      lastUsedAt: null,
      revokedAt: null,
      token,
    };
  });
}

/** The tokens of the user's area, live ones first, newest first. */
export async function listLabTokens(db: Kysely<Database>, user: SessionUser): Promise<LabTokenView[]> {
  requirePermission(user, "lab.results");
  const rows = await db
    .selectFrom("lab_tokens as t")
    .innerJoin("regions as r", "r.id", "t.region_id")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select([
      "t.id",
      "t.name",
      "t.region_id",
      "r.name as region_name",
      "t.created_at",
      "u.display_name as created_by",
      "t.last_used_at",
      "t.revoked_at",
    ])
    .where(tokenVisible(user))
    .orderBy(sql`t.revoked_at is not null`)
    .orderBy("t.created_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    regionId: r.region_id,
    regionName: r.region_name,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }));
}

/** Revokes a token of the user's area at once: its next post is refused (401). Revoking twice is a no-op. */
export async function revokeLabToken(
  db: Kysely<Database>,
  user: SessionUser,
  id: string,
): Promise<{ id: string; revokedAt: string }> {
  requirePermission(user, "lab.results");
  return inTransaction(db, async (trx) => {
    const row = isUuid(id)
      ? await trx
          .selectFrom("lab_tokens as t")
          .innerJoin("regions as r", "r.id", "t.region_id")
          .select(["t.id", "t.revoked_at"])
          .where("t.id", "=", id)
          .where(tokenVisible(user))
          .forUpdate("t")
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError("not_found", "Lab token not found");
    if (row.revoked_at) return { id: row.id, revokedAt: new Date(row.revoked_at).toISOString() };
    const revokedAt = new Date();
    await trx.updateTable("lab_tokens").set({ revoked_at: revokedAt }).where("id", "=", id).execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "lab.token.revoke",
      entityType: "lab_token",
      entityId: id,
    });
    return { id, revokedAt: revokedAt.toISOString() };
  });
}
