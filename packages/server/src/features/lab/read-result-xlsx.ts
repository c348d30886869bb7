import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../../errors";
import type { SheetRow } from "../imports/read-sheet";

/**
 * The rows of a lab's XLSX result file. Like the registry import's reader (imports/read-xlsx.ts),
 * with one difference that matters here: a date-time cell keeps its clock time. The registry
 * reader shows dates as "YYYY-MM-DD" because it only ever reads birth dates; a test time cut to
 * its day would be a guess. Date cells come out as "YYYY-MM-DD HH:MM:SS" (the wall-clock time
 * Excel shows, which has no zone), numbers as digits flagged numeric (an unformatted date stays an
 * Excel serial day number, which core/lab-results reads).
 */
export async function* readResultXlsx(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  let found = false;
  let yielded = false;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // Later sheets are still read to the end: exceljs deletes each temp file once it is read.
        if (found) continue;
        const values = Array.isArray(row.values) ? row.values : Object.values(row.values);
        const cells: string[] = [];
        const numeric: boolean[] = [];
        for (let i = 1; i < values.length; i++) {
          const cell = cellText(values[i]);
          cells.push(cell.text);
          numeric.push(cell.isNumber);
        }
        if (cells.some((c) => c !== "")) {
          yielded = true;
          yield { row: row.number, cells, numeric };
        }
      }
      // The first sheet with rows is the result list (a workbook may start with an empty one).
      if (yielded) found = true;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "bad_request",
      "The XLSX file could not be read (it may be damaged or password-protected): open it in Excel and save it again",
      { reason: "bad_file" },
    );
  }
}

function cellText(value: ExcelJS.CellValue | undefined): { text: string; isNumber: boolean } {
  if (value === null || value === undefined) return { text: "", isNumber: false };
  if (typeof value === "string") return { text: value, isNumber: false };
  if (typeof value === "number") {
    const text = Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
    return { text, isNumber: true };
  }
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", isNumber: false };
  if (value instanceof Date) {
    // exceljs gives the wall-clock time Excel shows as if it were UTC.
    const text = Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 19).replace("T", " ");
    return { text: text.endsWith(" 00:00:00") ? text.slice(0, 10) : text, isNumber: false };
  }
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join(""), isNumber: false };
  if ("hyperlink" in value) return { text: String(value.text ?? ""), isNumber: false };
  if ("error" in value) return { text: String(value.error), isNumber: false };
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (result === undefined || result === null) return { text: "", isNumber: false };
    if (typeof result === "object" && !(result instanceof Date))
      return { text: String(result.error), isNumber: false };
    return cellText(result);
  }
  return { text: String(value), isNumber: false };
}
