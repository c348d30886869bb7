import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import { escapeFormula } from "@shequ/core/import-columns";
import ExcelJS from "exceljs";

export type OutputFormat = "csv" | "xlsx";

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * Writes rows to a CSV (UTF-8 with BOM, CRLF: what Excel opens without garbling Chinese) or
 * XLSX stream. Cells that a spreadsheet would run as formulas get a leading apostrophe. `add`
 * waits when the reader is slow, so a million rows never pile up in memory.
 */
export interface SheetWriter {
  /** What to hand to the HTTP response or pipe to a file. */
  readonly output: PassThrough;
  add(cells: readonly string[]): Promise<void>;
  finish(): Promise<void>;
}

export function createSheetWriter(format: OutputFormat, opts: { sheetName: string }): SheetWriter {
  return format === "csv" ? csvWriter() : xlsxWriter(opts.sheetName);
}

/** The writer's output as a web stream, for `c.body(...)`. */
export function toWebStream(writer: SheetWriter): ReadableStream<Uint8Array> {
  return Readable.toWeb(writer.output) as ReadableStream<Uint8Array>;
}

async function drained(stream: PassThrough): Promise<void> {
  if (stream.writableNeedDrain) await once(stream, "drain");
}

function csvWriter(): SheetWriter {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  output.write("\uFEFF");
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    output.write(pending.join(""));
    pending = [];
    await drained(output);
  };
  return {
    output,
    async add(cells) {
      pending.push(`${cells.map(csvCell).join(",")}\r\n`);
      if (pending.length >= 500) await flush();
    },
    async finish() {
      await flush();
      output.end();
    },
  };
}

function csvCell(value: string): string {
  const text = escapeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function xlsxWriter(sheetName: string): SheetWriter {
  const output = new PassThrough({ highWaterMark: 1024 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  let count = 0;
  return {
    output,
    async add(cells) {
      // Strings stay strings: an ID number written as text is never turned into 6.2E+17.
      sheet.addRow(cells.map((c) => escapeFormula(c))).commit();
      if (++count % 500 === 0) await drained(output);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
