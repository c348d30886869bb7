import { randomBytes } from "node:crypto";
import { formatBadgeNo } from "@shequ/core/badge";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";

const CHUNK = 1000;

/**
 * Hands out the next armband numbers and fresh QR codes to workers who have none, in the given
 * order, inside the caller's transaction. Numbers come from a database sequence, so approvals at
 * once (on any instance) never share one and nothing is locked (distributed engines have sequences,
 * not advisory locks); should one still collide (a restored backup), the unique index refuses it
 * and `retryOnBadgeClash` runs the whole transaction again.
 */
export async function issueBadges(trx: Kysely<Database>, workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  const without = await trx
    .selectFrom("workers")
    .select("id")
    .where("id", "in", [...workerIds])
    .where("badge_no", "is", null)
    .execute();
  const pending = new Set(without.map((w) => w.id));
  const ids = workerIds.filter((id) => pending.has(id));
  for (let at = 0; at < ids.length; at += CHUNK) {
    const chunk = ids.slice(at, at + CHUNK);
    const { rows: numbers } = await sql<{ n: string | number }>`
      select nextval('worker_badge_seq') as n from generate_series(1, ${chunk.length})`.execute(trx);
    const sorted = numbers.map((r) => Number(r.n)).sort((a, b) => a - b);
    const rows = chunk.map(
      (id, i) => sql`(${id}::uuid, ${formatBadgeNo(sorted[i] as number)}, ${newBadgeCode()})`,
    );
    await sql`update workers w set badge_no = v.no, badge_code = v.code
      from (values ${sql.join(rows)}) as v(id, no, code) where w.id = v.id`.execute(trx);
  }
}

/** 16 random bytes, base64url: the secret in the badge QR and the own-shifts link. */
export function newBadgeCode(): string {
  return randomBytes(16).toString("base64url");
}

/** Runs a transaction again when it lost a race for an armband number (unique violation). */
export async function retryOnBadgeClash<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const e = error as { code?: string; constraint?: string; message?: string };
      const clash = e.code === "23505" && `${e.constraint ?? ""} ${e.message ?? ""}`.includes("badge");
      if (!clash || attempt >= attempts) throw error;
    }
  }
}
