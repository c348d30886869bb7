import type { DbHandle } from "../../db/client";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { actorOf } from "./actor";
import { commitFile } from "./commit-file";
import { assertFileKept, loadOwnJob } from "./load-job";
import { recordJobError, selectJobFile } from "./queries";

export interface CommitOutcome {
  jobId: string;
  inserted: number;
  updated: number;
  rejected: number;
  creates: { buildings: number; units: number; households: number };
}

/**
 * Imports the valid rows of a previewed job ("import the valid rows"); the rejected ones stay
 * downloadable. All or nothing: after a failure the job is still previewed, carries the error,
 * and can be committed again.
 */
export async function commitJob(
  handle: DbHandle,
  user: SessionUser,
  jobId: string,
  mapping?: Record<string, string>,
): Promise<CommitOutcome> {
  const job = await loadOwnJob(handle.db, user, jobId);
  if (job.status === "committed") throw new AppError("conflict", "This import has already been committed");
  if (job.status !== "previewed")
    throw new AppError("conflict", "This import was discarded: upload the file again");
  assertFileKept(job);
  const bytes = (await selectJobFile(handle.db, job.id)) as Uint8Array;
  try {
    const result = await commitFile(handle, {
      actor: actorOf(user),
      file: bytes,
      filename: job.filename,
      mapping: mapping ?? job.mapping ?? {},
      jobId: job.id,
    });
    return {
      jobId: job.id,
      inserted: result.inserted,
      updated: result.updated,
      rejected: result.rejectedRows,
      creates: result.creates,
    };
  } catch (error) {
    const failure = explainFailure(error);
    // Database messages can quote a row's values: only our own messages are kept on the job.
    const kept =
      failure instanceof AppError ? failure.message : "The import failed on the server: nothing was imported";
    await recordJobError(handle.db, job.id, kept).catch(() => {});
    throw failure;
  }
}

/** A unique-key race with another writer reads as "try again", not as a server fault. */
function explainFailure(error: unknown): Error {
  if (error instanceof AppError) return error;
  if ((error as { code?: string }).code === "23505") {
    return new AppError(
      "conflict",
      "Someone changed the same buildings, households or people while this import ran: nothing was imported, commit again",
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
