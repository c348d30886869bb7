import { findResultHeader, type ResultInput } from "@shequ/core/lab-results";
import { AppError } from "../../errors";
import { isBlankRow } from "../imports/check-row";
import { openSheet, type SheetFormat, type SheetRow } from "../imports/read-sheet";
import { readXlsxRows } from "../imports/read-xlsx";

/** A lab file is one day's results of one lab: tens of thousands of lines, not millions. */
export const MAX_FILE_LINES = 100_000;
const HEADER_SEARCH_ROWS = 10;

export interface ResultFile {
  format: SheetFormat;
  inputs: ResultInput[];
}

const refuse = (reason: string, message: string) => new AppError("bad_request", message, { reason });

/**
 * Reads a lab's CSV or XLSX result file into lines: the format is recognised from the bytes and
 * CSV text decoded as the registry import does (UTF-8, UTF-16, GB18030); the header row is found
 * below any title rows; blank rows are skipped. Each line keeps the row number Excel shows, so a
 * report line points at the row to fix. A file without the three columns is refused whole.
 */
export async function readResultFile(bytes: Uint8Array): Promise<ResultFile> {
  const sheet = openSheet(bytes);
  const rows = sheet.format === "xlsx" ? readXlsxRows(bytes, { clockTime: true }) : flatten(sheet.batches());
  const top: SheetRow[] = [];
  const inputs: ResultInput[] = [];
  let header: ReturnType<typeof findResultHeader>;
  let columns: { barcode: number; result: number; time: number } | undefined;
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (!columns) {
      top.push(row);
      header = findResultHeader(top.map((r) => r.cells));
      if (header) {
        const { barcode, result, time } = header.columns;
        if (time === undefined || barcode === undefined || result === undefined) {
          throw refuse(
            "no_time_column",
            "The file has no test time column (检测时间): add it, with date and time, e.g. 2026-11-28 13:05",
          );
        }
        columns = { barcode, result, time };
      } else if (top.length >= HEADER_SEARCH_ROWS) {
        break;
      }
      continue;
    }
    if (inputs.length >= MAX_FILE_LINES) {
      throw new AppError(
        "payload_too_large",
        `The file has more than ${MAX_FILE_LINES.toLocaleString("en")} result lines: split it into several files`,
        { reason: "too_many_lines", max: MAX_FILE_LINES },
      );
    }
    inputs.push({
      line: row.row,
      barcode: row.cells[columns.barcode] ?? "",
      result: row.cells[columns.result] ?? "",
      time: row.cells[columns.time] ?? "",
      barcodeNumeric: row.numeric?.[columns.barcode] ?? false,
      timeNumeric: row.numeric?.[columns.time] ?? false,
    });
  }
  if (!columns) {
    throw refuse(
      "no_header",
      "No header row found: the file needs the columns 管码 (barcode), 结果 (result) and 检测时间 (time)",
    );
  }
  if (inputs.length === 0) throw refuse("no_lines", "The file has a header but no result lines");
  return { format: sheet.format, inputs };
}

async function* flatten(batches: AsyncGenerator<SheetRow[]>): AsyncGenerator<SheetRow> {
  for await (const batch of batches) yield* batch;
}
