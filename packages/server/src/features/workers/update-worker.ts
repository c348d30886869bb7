import type { WorkerDetail, WorkerUpdateInput } from "@shequ/core/worker-schema";
import type { Kysely, Updateable } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database, WorkerTable } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { isPhoneClash, normaliseContactPhone, normaliseMobile, phoneTaken } from "./check-worker-input";
import { loadWorkerDetail, loadWorkerInScope } from "./load-worker";

/**
 * Edits a worker's details (not their status or badge, which have their own actions). Only the
 * fields sent change; the audit names the fields, never their values.
 */
export async function updateWorker(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { workerId: string } & WorkerUpdateInput,
): Promise<WorkerDetail> {
  requirePermission(user, "workforce.manage");
  const set: Updateable<WorkerTable> = {};
  if (opts.name !== undefined) set.name = opts.name;
  if (opts.phone !== undefined) set.phone = normaliseMobile(opts.phone);
  if (opts.source !== undefined) set.source = opts.source;
  if (opts.sourceOrg !== undefined) set.source_org = opts.sourceOrg || null;
  if (opts.sourceCity !== undefined) set.source_city = opts.sourceCity || null;
  if (opts.qualifications !== undefined) set.qualifications = [...new Set(opts.qualifications)];
  if (opts.availability !== undefined) set.availability = JSON.stringify(opts.availability);
  if (opts.emergencyContact !== undefined) set.emergency_contact = opts.emergencyContact || null;
  if (opts.emergencyPhone !== undefined) set.emergency_phone = normaliseContactPhone(opts.emergencyPhone);
  if (opts.hideName !== undefined) set.hide_name = opts.hideName;
  if (opts.note !== undefined) set.note = opts.note || null;
  const fields = Object.keys(set);
  try {
    await inTransaction(db, async (trx) => {
      const row = await loadWorkerInScope(trx, user, opts.workerId, { lock: true });
      if (fields.length === 0) return;
      if (set.phone && set.phone !== row.phone) {
        const other = await trx
          .selectFrom("workers")
          .select("id")
          .where("community_id", "=", row.community_id)
          .where("phone", "=", set.phone)
          .executeTakeFirst();
        if (other) throw phoneTaken(other.id);
      }
      await trx.updateTable("workers").set(set).where("id", "=", row.id).execute();
      await recordAudit(trx, {
        userId: user.id,
        action: "worker.update",
        entityType: "worker",
        entityId: row.id,
        details: { fields },
      });
    });
  } catch (error) {
    if (isPhoneClash(error)) throw phoneTaken(undefined);
    throw error;
  }
  return loadWorkerDetail(db, user, opts.workerId);
}
