import type { DbHandle } from "../../db/client";
import { newId } from "../../db/ids";
import { refreshPlannerStatistics } from "../../db/statistics";
import { AppError } from "../../errors";
import { recordAuditInBulk } from "../audit/record-audit";
import type { Actor } from "./actor";
import type { RowError } from "./check-row";
import { lockJob, markJobCommitted } from "./queries";
import type { SheetSource } from "./read-sheet";
import { type CommitResult, commitImport, type ImportReport } from "./run-import";

export interface CommitFileOptions {
  actor: Actor;
  file: SheetSource;
  filename: string;
  mapping: Record<string, string>;
  /** An existing previewed job (web flow); absent, a job row is created (command line). */
  jobId?: string;
  /** Import nothing when any row is rejected. */
  allOrNothing?: boolean;
  maxBytes?: number;
  onRejected?: (row: number, errors: RowError[]) => void;
}

/**
 * Imports the valid rows of a file and records it: the job row is marked committed and the
 * import audited ("import.commit", counts only) in the same transaction as the rows themselves,
 * so after a crash there is neither a half import nor a record of one.
 */
export async function commitFile(
  handle: DbHandle,
  opts: CommitFileOptions,
): Promise<ImportReport & CommitResult & { jobId: string }> {
  const jobId = opts.jobId ?? newId();
  const report = await commitImport(
    handle,
    {
      actor: opts.actor,
      file: opts.file,
      mapping: opts.mapping,
      maxBytes: opts.maxBytes,
      onRejected: opts.onRejected,
    },
    {
      before: async (raw) => {
        if (!opts.jobId) return;
        const status = await lockJob(raw, opts.jobId);
        if (status !== "previewed") throw notPreviewed(status);
      },
      after: async (raw, done) => {
        if (opts.allOrNothing && done.rejectedRows > 0) {
          throw new AppError(
            "validation",
            `${done.rejectedRows} of ${done.totalRows} rows have problems: nothing was imported`,
            { rejectedRows: done.rejectedRows, errors: done.errors.slice(0, 20) },
          );
        }
        await markJobCommitted(raw, {
          id: jobId,
          userId: opts.actor.id,
          filename: opts.filename,
          mapping: opts.mapping,
          counts: done,
        });
        await recordAuditInBulk(raw, {
          userId: opts.actor.id,
          action: "import.commit",
          entityType: "import_job",
          entityId: jobId,
          details: {
            kind: "residents",
            totalRows: done.totalRows,
            inserted: done.inserted,
            updated: done.updated,
            rejected: done.rejectedRows,
            created: done.creates,
          },
        });
      },
    },
  );
  // Stale statistics after a big load make the list pick slow plans (PGlite has no autovacuum).
  if (report.inserted + report.updated >= BULK_ANALYZE_ROWS) await refreshPlannerStatistics(handle.db);
  return { ...report, jobId };
}

const BULK_ANALYZE_ROWS = 1000;

function notPreviewed(status: string | undefined): AppError {
  if (status === "committed") return new AppError("conflict", "This import has already been committed");
  if (status === "discarded")
    return new AppError("conflict", "This import was discarded: upload the file again");
  return new AppError("not_found", "Import not found");
}
