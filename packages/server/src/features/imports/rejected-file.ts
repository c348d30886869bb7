import type { DbHandle } from "../../db/client";
import type { SessionUser } from "../../http";
import { actorOf } from "./actor";
import { assertFileKept, loadOwnJob } from "./load-job";
import { selectJobFile } from "./queries";
import { previewImport } from "./run-import";
import { CONTENT_TYPES, createSheetWriter, type OutputFormat, type SheetWriter } from "./sheet-writer";
import { RejectedRows, writeRejectedRows } from "./write-rejected";

export interface RejectedFile {
  filename: string;
  contentType: string;
  rows: number;
  writer: SheetWriter;
  /** Resolves when the whole file has been written; rejects on a failure mid-way. */
  done: Promise<number>;
}

/**
 * The rows of a job that were (or would be) rejected, with the file's own columns and an
 * 错误原因 column, as CSV (UTF-8 with BOM) or XLSX: fix them in place and import the file again.
 * Rows are checked again, so after a commit the file holds exactly the rows left out.
 */
export async function buildRejectedFile(
  handle: DbHandle,
  user: SessionUser,
  jobId: string,
  format?: OutputFormat,
): Promise<RejectedFile> {
  const job = await loadOwnJob(handle.db, user, jobId);
  assertFileKept(job);
  const bytes = (await selectJobFile(handle.db, job.id)) as Uint8Array;
  const mapping = job.mapping ?? {};
  const rejected = new RejectedRows();
  const report = await previewImport(handle, {
    actor: actorOf(user),
    file: bytes,
    mapping,
    errorLimit: 0,
    onRejected: rejected.add,
  });
  const chosen: OutputFormat = format ?? (report.format === "xlsx" ? "xlsx" : "csv");
  const writer = createSheetWriter(chosen, { sheetName: "错误行" });
  const done = writeRejectedRows(writer, { file: bytes, mapping, rejected });
  done.catch((error) => writer.output.destroy(error as Error));
  const base = job.filename.replace(/\.(csv|xlsx|txt)$/i, "");
  return {
    filename: `${base}-错误行.${chosen}`,
    contentType: CONTENT_TYPES[chosen],
    rows: rejected.reasons.size,
    writer,
    done,
  };
}
