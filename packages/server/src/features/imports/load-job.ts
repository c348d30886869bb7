import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { selectJob } from "./queries";

export type ImportJob = NonNullable<Awaited<ReturnType<typeof selectJob>>>;

/**
 * A job of the signed-in user, or 404: a job belongs to whoever uploaded the file, and someone
 * else's job is answered like one that does not exist.
 */
export async function loadOwnJob(db: Kysely<Database>, user: SessionUser, jobId: string): Promise<ImportJob> {
  requirePermission(user, "resident.import");
  const job = isUuid(jobId) ? await selectJob(db, jobId, user.id) : undefined;
  if (!job) throw new AppError("not_found", "Import not found");
  return job;
}

/** The job's stored file; gone once the job is discarded. */
export function assertFileKept(job: ImportJob): void {
  if (!job.has_file) {
    throw new AppError("conflict", "The file of this import was discarded: upload it again");
  }
}
