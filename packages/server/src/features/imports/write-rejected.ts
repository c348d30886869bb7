import { REJECTED_REASON_HEADER } from "@shequ/core/import-columns";
import type { RowError } from "./check-row";
import { findHeader } from "./find-header";
import { openSheet, type SheetSource } from "./read-sheet";
import type { SheetWriter } from "./sheet-writer";

/** Collects, per rejected row, the sentence for the 错误原因 column. */
export class RejectedRows {
  readonly reasons = new Map<number, string>();

  readonly add = (row: number, errors: RowError[]): void => {
    const text = errors.map((e) => `${e.column}：${e.message}`).join("；");
    const before = this.reasons.get(row);
    this.reasons.set(row, before ? `${before}；${text}` : text);
  };
}

/**
 * Writes the rejected rows with the file's own header and cells, plus a 错误原因 column, so the
 * person fixes the cells in place and imports the file again. Reads the file a second time
 * rather than keeping every row of the first pass in memory.
 */
export async function writeRejectedRows(
  writer: SheetWriter,
  opts: {
    file: SheetSource;
    mapping: Record<string, string>;
    rejected: RejectedRows;
    maxBytes?: number;
  },
): Promise<number> {
  const sheet = openSheet(opts.file, opts.maxBytes);
  const found = await findHeader(sheet.batches(), opts.mapping);
  if (!found) {
    await writer.finish();
    return 0;
  }
  const header = found.header.cells;
  await writer.add([...header, REJECTED_REASON_HEADER]);
  let written = 0;
  for await (const batch of found.rows()) {
    for (const row of batch) {
      const reason = opts.rejected.reasons.get(row.row);
      if (reason === undefined) continue;
      const cells = row.cells.slice(0, header.length);
      while (cells.length < header.length) cells.push("");
      await writer.add([...cells, reason]);
      written++;
    }
  }
  await writer.finish();
  return written;
}
