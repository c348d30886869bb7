import type { RawSession } from "../../db/client";
import { newId } from "../../db/ids";
import type { AuditEntry } from "../audit/record-audit";

/**
 * `recordAudit` for work done on a raw bulk session: the audit row is written in the same
 * transaction as the import it records, so a rolled-back import leaves no audit row claiming it
 * happened. Same columns and rules as recordAudit: ids and counts only, never personal data.
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
