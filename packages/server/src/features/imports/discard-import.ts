import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { loadOwnJob } from "./load-job";
import { discardJob } from "./queries";

/**
 * "Import nothing": drops the kept file (it holds ID numbers and phones) and closes a previewed
 * job. On a committed job it only drops the file; what was imported stays.
 */
export async function discardImport(
  db: Kysely<Database>,
  user: SessionUser,
  jobId: string,
): Promise<{ status: string }> {
  const job = await loadOwnJob(db, user, jobId);
  await discardJob(db, job.id);
  return { status: job.status === "previewed" ? "discarded" : job.status };
}
