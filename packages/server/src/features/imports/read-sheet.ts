import { isUtf8 } from "node:buffer";
import { AppError } from "../../errors";
import { CsvRowReader, detectDelimiter } from "./parse-csv";
import { readXlsxRows } from "./read-xlsx";

/** One spreadsheet row as the user sees it: `row` is the number Excel shows (first row = 1). */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Per cell: true when an XLSX cell held a number rather than text (CSV knows no types). */
  numeric?: boolean[];
}

export type SheetFormat = "csv" | "xlsx";

export interface Sheet {
  format: SheetFormat;
  /** "utf-8", "gb18030" or "utf-16le"/"utf-16be" for CSV; undefined for XLSX. */
  encoding?: string;
  /** Rows in batches, so a million rows cost a thousand awaits rather than a million. */
  batches(): AsyncGenerator<SheetRow[]>;
}

export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const BATCH_ROWS = 1000;

const bad = (message: string) => new AppError("bad_request", message, { reason: "bad_file" });

/**
 * Recognises a CSV or XLSX file from its bytes (never from its name, which lies) and opens it
 * for reading. Anything else, an empty file or one over 64 MB is refused with a reason the
 * person can act on. CSV text is UTF-8 (with or without BOM), UTF-16 with BOM, or, when the
 * bytes are not valid UTF-8, GB18030 — the superset of GBK that Chinese Excel writes.
 */
export function openSheet(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): Sheet {
  if (bytes.length === 0) throw bad("The file is empty (0 bytes): choose the spreadsheet again");
  if (bytes.length > maxBytes) {
    const mb = Math.round(maxBytes / 1024 / 1024);
    throw new AppError("payload_too_large", `The file is larger than ${mb} MB: split it into several files`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return { format: "xlsx", batches: () => batched(readXlsxRows(bytes)) };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw bad(
      "This is an old Excel 97–2003 (.xls) file: open it in Excel and save it as .xlsx or CSV (UTF-8)",
    );
  }
  const encoding = detectEncoding(bytes);
  return { format: "csv", encoding, batches: () => readCsvBatches(bytes, encoding) };
}

function detectEncoding(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(bytes, [0xfe, 0xff])) return "utf-16be";
  const head = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw notText();
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > head.length / 200) throw notText();
  return isUtf8(bytes) ? "utf-8" : "gb18030";
}

const notText = () =>
  bad("This file is neither a CSV nor an XLSX spreadsheet: in Excel choose Save As → .xlsx or CSV (UTF-8)");

async function* readCsvBatches(bytes: Uint8Array, encoding: string): AsyncGenerator<SheetRow[]> {
  // The decoder drops a byte-order mark by itself; `fatal: false` turns stray bytes into U+FFFD.
  const decoder = new TextDecoder(encoding);
  let reader: CsvRowReader | undefined;
  let rowNumber = 0;
  let batch: SheetRow[] = [];
  const take = function* (rows: Generator<string[]>) {
    for (const cells of rows) {
      rowNumber++;
      batch.push({ row: rowNumber, cells });
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
  };
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    const last = offset + CHUNK_BYTES >= bytes.length;
    const text = decoder.decode(bytes.subarray(offset, offset + CHUNK_BYTES), { stream: !last });
    if (!reader) {
      reader = new CsvRowReader(detectDelimiter(text.slice(0, 64 * 1024)));
      // Many undecodable characters at the start: not text in any encoding we know.
      if (countReplacements(text.slice(0, 64 * 1024)) > 16) throw notText();
    }
    yield* take(reader.push(text));
  }
  if (reader) yield* take(reader.end());
  if (batch.length > 0) yield batch;
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1)) count++;
  return count;
}

async function* batched(rows: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
