import type { WorkerDetail } from "@shequ/core/worker-schema";
import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { issueBadges, retryOnBadgeClash } from "./issue-badge";
import { loadWorkerDetail, loadWorkerInScope } from "./load-worker";

type Review = "approve" | "reject" | "deactivate";

/** Which statuses each action may start from; approving again is a no-op, not an error. */
const FROM: Record<Review, readonly string[]> = {
  approve: ["pending", "rejected", "inactive", "approved"],
  reject: ["pending", "rejected"],
  deactivate: ["approved", "inactive"],
};
const TO: Record<Review, string> = { approve: "approved", reject: "rejected", deactivate: "inactive" };

/**
 * Approves a sign-up (or takes a person back), which issues their armband number and badge QR
 * on the first approval and keeps them after; rejects a sign-up (a reason goes in the note, not
 * the audit); or stands an approved person down, whose badge then stops working at check-in and
 * who is taken off the shifts still to come.
 * Only the person's own community decides: someone lent in is not found here.
 */
export async function reviewWorker(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { workerId: string; action: Review; reason?: string },
): Promise<WorkerDetail> {
  requirePermission(user, "workforce.manage");
  await retryOnBadgeClash(() =>
    inTransaction(db, async (trx) => {
      const row = await loadWorkerInScope(trx, user, opts.workerId, { home: true, lock: true });
      if (!FROM[opts.action].includes(row.status)) {
        throw new AppError("conflict", conflictMessage(opts.action, row.status), {
          reason: "wrong_status",
          status: row.status,
        });
      }
      if (row.status === TO[opts.action]) return;
      const approving = opts.action === "approve";
      const reason = opts.reason?.trim();
      await trx
        .updateTable("workers")
        .set({
          status: TO[opts.action],
          ...(approving ? { approved_at: new Date(), approved_by: user.id } : {}),
          ...(reason
            ? {
                note: sql<string>`concat_ws(E'\n', nullif(note, ''), ${`${noteLabel(opts.action)}${reason}`}::text)`,
              }
            : {}),
        })
        .where("id", "=", row.id)
        .execute();
      if (approving) await issueBadges(trx, [row.id]);
      // Someone stood down is taken off the shifts still to come: their places show as gaps again.
      const cancelled =
        opts.action === "deactivate"
          ? await trx
              .updateTable("shift_assignments")
              .set({ status: "cancelled", cancelled_at: new Date() })
              .where("worker_id", "=", row.id)
              .where("status", "=", "planned")
              .where("demand_id", "in", (q) =>
                q.selectFrom("shift_demands").select("id").where("starts_at", ">", new Date()),
              )
              .returning("id")
              .execute()
          : [];
      await recordAudit(trx, {
        userId: user.id,
        action: `worker.${opts.action}`,
        entityType: "worker",
        entityId: row.id,
        details: {
          from: row.status,
          to: TO[opts.action],
          reasonGiven: Boolean(reason),
          ...(cancelled.length > 0 ? { shiftsCancelled: cancelled.length } : {}),
        },
      });
    }),
  );
  return loadWorkerDetail(db, user, opts.workerId);
}

function noteLabel(action: Review): string {
  return action === "reject" ? "未通过：" : action === "deactivate" ? "停用：" : "";
}

function conflictMessage(action: Review, status: string): string {
  if (action === "reject")
    return `Only a pending sign-up can be rejected (this person is ${status}): deactivate instead`;
  if (action === "deactivate") return `Only an approved person can be deactivated (this person is ${status})`;
  return `This person cannot be approved (${status})`;
}
