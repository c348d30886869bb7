import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { AppError } from "../../errors";
import type { SheetRow } from "./read-sheet";

/**
 * Streams the rows of the first sheet that has any data (a workbook may start with an empty one).
 * Cells become the text Excel shows; numbers are flagged so an ID number that Excel turned into
 * 6.20102E+17 can be reported instead of imported with its last digits lost. Date cells become
 * "YYYY-MM-DD" (the registry only reads birth dates); with `clockTime` (a lab's test times) a cell
 * with a time of day keeps it: "YYYY-MM-DD HH:MM:SS", the wall-clock time Excel shows (no zone).
 */
export async function* readXlsxRows(
  bytes: Uint8Array,
  opts: { clockTime?: boolean } = {},
): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  let found = false;
  let reading = true;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // The first sheet with data is the list. Later sheets are still read to the end, rows
        // unused: exceljs parks sheets in temp files and deletes each only once it is read.
        if (found && !reading) continue;
        const converted = convertRow(row.number, row.values, opts.clockTime ?? false);
        if (!converted) continue;
        found = true;
        yield converted;
      }
      if (found) reading = false;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "bad_request",
      "The XLSX file could not be read (it may be damaged or password-protected): open it in Excel and save it again",
      { reason: "bad_file" },
    );
  }
  if (!found) {
    throw new AppError("bad_request", "The workbook has no sheet with data", { reason: "bad_file" });
  }
}

function convertRow(
  number: number,
  values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>,
  clockTime: boolean,
): SheetRow | undefined {
  const list = Array.isArray(values) ? values : Object.values(values);
  const cells: string[] = [];
  const numeric: boolean[] = [];
  let any = false;
  // row.values is 1-based: index 0 is always empty.
  for (let i = 1; i < list.length; i++) {
    const { text, isNumber } = cellText(list[i], clockTime);
    cells.push(text);
    numeric.push(isNumber);
    if (text !== "") any = true;
  }
  return any ? { row: number, cells, numeric } : undefined;
}

function cellText(value: ExcelJS.CellValue, clockTime: boolean): { text: string; isNumber: boolean } {
  if (value === null || value === undefined) return { text: "", isNumber: false };
  if (typeof value === "string") return { text: value, isNumber: false };
  if (typeof value === "number") return { text: numberText(value), isNumber: true };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", isNumber: false };
  if (value instanceof Date) return { text: dateText(value, clockTime), isNumber: false };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join(""), isNumber: false };
  if ("hyperlink" in value) return { text: String(value.text ?? ""), isNumber: false };
  if ("error" in value) return { text: String(value.error), isNumber: false };
  if ("formula" in value || "sharedFormula" in value) {
    // What Excel shows is the cached result; the formula itself is never evaluated here.
    const result = value.result;
    if (result === undefined || result === null) {
      return { text: "formula" in value ? `=${value.formula}` : "", isNumber: false };
    }
    if (typeof result === "object" && !(result instanceof Date))
      return { text: String(result.error), isNumber: false };
    return cellText(result, clockTime);
  }
  return { text: String(value), isNumber: false };
}

/** exceljs gives the wall-clock time Excel shows as if it were UTC. */
function dateText(value: Date, clockTime: boolean): string {
  if (Number.isNaN(value.getTime())) return "";
  const text = value.toISOString().slice(0, 19).replace("T", " ");
  return clockTime && !text.endsWith(" 00:00:00") ? text : text.slice(0, 10);
}

/** Integers as digits (no exponent below 1e21), other numbers as JavaScript writes them. */
function numberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
}
