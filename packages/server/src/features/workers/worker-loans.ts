import type { WorkerDetail, WorkerLoanInput } from "@shequ/core/worker-schema";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { invalid } from "./check-worker-input";
import { loadWorkerDetail, loadWorkerInScope } from "./load-worker";
import { selectCommunity } from "./queries";

/**
 * Lends a person to another community for a period (a cadre sent to the point that is short):
 * while the loan runs, that community sees and plans them too. Only the person's own community
 * lends; loans of one person may not overlap.
 */
export async function lendWorker(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { workerId: string } & WorkerLoanInput,
): Promise<WorkerDetail> {
  requirePermission(user, "workforce.manage");
  await inTransaction(db, async (trx) => {
    const row = await loadWorkerInScope(trx, user, opts.workerId, { home: true, lock: true });
    const target = await selectCommunity(trx, opts.toCommunityId);
    if (!target) {
      throw invalid([{ field: "toCommunityId", reason: "not_community", message: "Choose a community" }]);
    }
    if (target.id === row.community_id) {
      throw invalid([
        { field: "toCommunityId", reason: "own_community", message: "This is the person's own community" },
      ]);
    }
    const overlap = await trx
      .selectFrom("worker_loans")
      .select("id")
      .where("worker_id", "=", row.id)
      .where("starts_at", "<", new Date(opts.endsAt))
      .where("ends_at", ">", new Date(opts.startsAt))
      .executeTakeFirst();
    if (overlap) {
      throw new AppError("conflict", "This person is already lent out for part of this period", {
        reason: "overlap",
        loanId: overlap.id,
      });
    }
    const id = newId();
    await trx
      .insertInto("worker_loans")
      .values({
        id,
        worker_id: row.id,
        to_community_id: target.id,
        starts_at: new Date(opts.startsAt),
        ends_at: new Date(opts.endsAt),
        created_by: user.id,
      })
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "worker.lend",
      entityType: "worker",
      entityId: row.id,
      details: { loanId: id, toCommunityId: target.id },
    });
  });
  return loadWorkerDetail(db, user, opts.workerId);
}

/** Ends a loan early by removing it (the lending community's call). */
export async function removeWorkerLoan(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { workerId: string; loanId: string },
): Promise<WorkerDetail> {
  requirePermission(user, "workforce.manage");
  await inTransaction(db, async (trx) => {
    const row = await loadWorkerInScope(trx, user, opts.workerId, { home: true, lock: true });
    const deleted = isUuid(opts.loanId)
      ? await trx
          .deleteFrom("worker_loans")
          .where("id", "=", opts.loanId)
          .where("worker_id", "=", row.id)
          .executeTakeFirst()
      : undefined;
    if (!deleted || Number(deleted.numDeletedRows) === 0) throw new AppError("not_found", "Loan not found");
    await recordAudit(trx, {
      userId: user.id,
      action: "worker.unlend",
      entityType: "worker",
      entityId: row.id,
      details: { loanId: opts.loanId },
    });
  });
  return loadWorkerDetail(db, user, opts.workerId);
}
