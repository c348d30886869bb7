import type { Kysely } from "kysely";
import type { RawSession } from "../../db/client";
import { newId } from "../../db/ids";
import type { Database } from "../../db/schema";

export interface AuditEntry {
  userId: string | null;
  /** e.g. "resident.create", "resident.reveal", "user.update", "import.commit". */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Ids, counts and field names only: never a name, ID number or phone. */
  details?: Record<string, unknown>;
}

/** Appends to the audit log. Call it with the same transaction as the write it records. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      user_id: entry.userId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/**
 * recordAudit for work done on a raw bulk session (COPY): the audit row is written in the same
 * transaction as the work it records, so a rolled-back import or schedule leaves no audit row
 * claiming it happened.
 */
export async function recordAuditInBulk(raw: RawSession, entry: AuditEntry): Promise<void> {
  await raw.query(
    "insert into audit_log (id, user_id, action, entity_type, entity_id, details) values ($1, $2, $3, $4, $5, $6)",
    [
      newId(),
      entry.userId,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
