import type { DbHandle } from "../../db/client";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { actorOf } from "./actor";
import type { ImportPreview } from "./create-import";
import { assertFileKept, loadOwnJob } from "./load-job";
import { selectJobFile, updatePreviewedJob } from "./queries";
import { previewImport } from "./run-import";

/**
 * Checks the kept file again with the user's column mapping (file header → field), e.g. after
 * mapping "户主姓名" to 姓名, and remembers the mapping for the commit.
 */
export async function previewJob(
  handle: DbHandle,
  user: SessionUser,
  jobId: string,
  mapping: Record<string, string>,
): Promise<ImportPreview> {
  const job = await loadOwnJob(handle.db, user, jobId);
  if (job.status !== "previewed") {
    throw new AppError(
      "conflict",
      `This import is already ${job.status}: upload the file again to re-check it`,
    );
  }
  assertFileKept(job);
  const bytes = (await selectJobFile(handle.db, job.id)) as Uint8Array;
  const report = await previewImport(handle, { actor: actorOf(user), file: bytes, mapping });
  await updatePreviewedJob(handle.db, job.id, mapping, report);
  return { jobId: job.id, filename: job.filename, ...report };
}
