import type { WorkerRevealInput, WorkerRevealResult } from "@shequ/core/worker-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { loadWorkerInScope } from "./load-worker";

/**
 * Shows a worker's phone and/or emergency phone unmasked, to call them. Every reveal is written
 * to the audit log (who, whose, which fields) before the values leave the server.
 */
export async function revealWorker(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { workerId: string } & WorkerRevealInput,
): Promise<WorkerRevealResult> {
  requirePermission(user, "workforce.manage");
  const fields = [...new Set(opts.fields)];
  return inTransaction(db, async (trx) => {
    const row = await loadWorkerInScope(trx, user, opts.workerId);
    await recordAudit(trx, {
      userId: user.id,
      action: "worker.reveal",
      entityType: "worker",
      entityId: row.id,
      details: { fields },
    });
    const result: WorkerRevealResult = {};
    if (fields.includes("phone")) result.phone = row.phone;
    if (fields.includes("emergencyPhone")) result.emergencyPhone = row.emergency_phone;
    return result;
  });
}
