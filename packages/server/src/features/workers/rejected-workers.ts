import { REJECTED_REASON_HEADER } from "@shequ/core/import-columns";
import { WORKER_IMPORT_REASON_LABELS } from "@shequ/core/worker-columns";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import type { RejectedFile } from "../imports/rejected-file";
import { CONTENT_TYPES, createSheetWriter, type OutputFormat } from "../imports/sheet-writer";
import { readAgainstCommunity, type WorkerImportOptions } from "./import-workers";
import type { WorkerRowError } from "./read-worker-file";

/**
 * The rows a workforce import leaves out, as the file has them (its own header and cells) plus a
 * 错误原因 column saying in Chinese what to fix, in the file's format (CSV with BOM, or XLSX):
 * the person fixes the cells in place and imports this file. Writes nothing to the database; the
 * file is the user's own, so phones are not masked in it.
 */
export async function buildRejectedWorkers(
  db: Kysely<Database>,
  user: SessionUser,
  opts: WorkerImportOptions & { filename: string; format?: OutputFormat },
): Promise<RejectedFile> {
  const { file } = await readAgainstCommunity(db, user, { ...opts, keepRejected: true });
  const reasons = reasonsByRow(file.errors);
  const format: OutputFormat = opts.format ?? file.format;
  const writer = createSheetWriter(format, { sheetName: "错误行" });
  const width = file.headers.length;
  const done = (async () => {
    await writer.add([...file.headers, REJECTED_REASON_HEADER]);
    for (const line of file.rejected) {
      const cells = line.cells.slice(0, width);
      while (cells.length < width) cells.push("");
      await writer.add([...cells, reasons.get(line.row) ?? ""]);
    }
    await writer.finish();
    return file.rejected.length;
  })();
  done.catch((error) => writer.output.destroy(error as Error));
  const base = opts.filename.replace(/\.(csv|xlsx|txt)$/i, "") || "人员名单";
  return {
    filename: `${base}-错误行.${format}`,
    contentType: CONTENT_TYPES[format],
    rows: file.rejected.length,
    writer,
    done,
  };
}

function reasonsByRow(errors: readonly WorkerRowError[]): Map<number, string> {
  const byRow = new Map<number, string[]>();
  for (const e of errors) {
    const label = WORKER_IMPORT_REASON_LABELS[e.reason].zh;
    const text = `${e.column}：${e.firstRow ? `与第${e.firstRow}行的手机号重复：一人一个手机号` : label}`;
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), text]);
  }
  return new Map([...byRow].map(([row, texts]) => [row, texts.join("；")]));
}
