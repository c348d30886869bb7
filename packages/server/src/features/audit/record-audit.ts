import type { Kysely } from "kysely";
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
