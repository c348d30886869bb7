import type { ResidentRevealInput, ResidentRevealResult } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { loadResidentInScope } from "./get-resident";

/**
 * Shows one resident's ID number and/or phone unmasked. Every reveal is written to the audit
 * log — who, whose, which fields, when — before the values leave the server.
 */
export async function revealResident(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { residentId: string } & ResidentRevealInput,
): Promise<ResidentRevealResult> {
  requirePermission(user, "resident.reveal");
  const fields = [...new Set(opts.fields)];
  return inTransaction(db, async (trx) => {
    const row = await loadResidentInScope(trx, user, opts.residentId);
    await recordAudit(trx, {
      userId: user.id,
      action: "resident.reveal",
      entityType: "resident",
      entityId: row.id,
      details: { fields },
    });
    const result: ResidentRevealResult = {};
    if (fields.includes("idNumber")) result.idNumber = row.id_number;
    if (fields.includes("phone")) result.phone = row.phone;
    return result;
  });
}
