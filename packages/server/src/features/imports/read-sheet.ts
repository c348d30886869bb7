import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
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
 * A spreadsheet on disk, read a piece at a time: the command line takes files of up to 1 GB,
 * which should not have to fit in memory (holding a million-row CSV cost the import 108 MB).
 */
export class SheetFile {
  readonly size: number;
  constructor(readonly path: string) {
    this.size = statSync(path).size;
  }
}

/** The bytes of an upload, or a file on disk. */
export type SheetSource = Uint8Array | SheetFile;

export function sourceBytes(source: SheetSource): number {
  return source instanceof SheetFile ? source.size : source.length;
}

/**
 * Recognises a CSV or XLSX file from its bytes (never from its name, which lies) and opens it
 * for reading. Anything else, an empty file or one over 64 MB is refused with a reason the
 * person can act on. CSV text is UTF-8 (with or without BOM), UTF-16 with BOM, or, when the
 * bytes are not valid UTF-8, GB18030 — the superset of GBK that Chinese Excel writes.
 */
export function openSheet(source: SheetSource, maxBytes = MAX_FILE_BYTES): Sheet {
  const size = sourceBytes(source);
  if (size === 0) throw bad("The file is empty (0 bytes): choose the spreadsheet again");
  if (size > maxBytes) {
    const mb = Math.round(maxBytes / 1024 / 1024);
    throw new AppError("payload_too_large", `The file is larger than ${mb} MB: split it into several files`);
  }
  const head =
    source instanceof SheetFile ? readHead(source.path, HEAD_BYTES) : source.subarray(0, HEAD_BYTES);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip is read whole (its directory is at the end); XLSX compresses text about tenfold.
    const bytes = () => (source instanceof SheetFile ? readFileSync(source.path) : source);
    return { format: "xlsx", batches: () => batched(readXlsxRows(bytes())) };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw bad(
      "This is an old Excel 97–2003 (.xls) file: open it in Excel and save it as .xlsx or CSV (UTF-8)",
    );
  }
  const encoding = detectEncoding(head, () =>
    source instanceof SheetFile ? isUtf8Piecewise(filePieces(source.path)) : isUtf8(source),
  );
  const pieces = () => (source instanceof SheetFile ? filePieces(source.path) : bufferPieces(source));
  return { format: "csv", encoding, batches: () => readCsvBatches(pieces(), encoding) };
}

const HEAD_BYTES = 64 * 1024;

function detectEncoding(head: Uint8Array, wholeIsUtf8: () => boolean): string {
  if (startsWith(head, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(head, [0xfe, 0xff])) return "utf-16be";
  let control = 0;
  for (const b of head) {
    if (b === 0) throw notText();
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > head.length / 200) throw notText();
  return wholeIsUtf8() ? "utf-8" : "gb18030";
}

function readHead(path: string, length: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const head = new Uint8Array(length);
    return head.subarray(0, readSync(fd, head, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** A file in pieces through one buffer: each piece is valid until the next is read. */
function* filePieces(path: string): Generator<Uint8Array> {
  const fd = openSync(path, "r");
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function* bufferPieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    yield bytes.subarray(offset, offset + CHUNK_BYTES);
  }
}

/**
 * Whether pieces of bytes are valid UTF-8 together, as `isUtf8` would say of them joined: each
 * piece is checked up to its last whole character and the rest (at most 3 bytes) carried over.
 */
export function isUtf8Piecewise(pieces: Iterable<Uint8Array>): boolean {
  let carry = new Uint8Array(0);
  for (const piece of pieces) {
    const bytes = carry.length === 0 ? piece : Buffer.concat([carry, piece]);
    const cut = lastCharacterStart(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return false;
    carry = Uint8Array.from(bytes.subarray(cut)); // a copy: the piece's buffer is read into again
  }
  return carry.length === 0 || isUtf8(carry);
}

/** Where a character cut off by the end of `bytes` begins, or the length when none is. */
function lastCharacterStart(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const b = bytes[i] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < length ? i : end;
  }
  return end;
}

const notText = () =>
  bad("This file is neither a CSV nor an XLSX spreadsheet: in Excel choose Save As → .xlsx or CSV (UTF-8)");

async function* readCsvBatches(pieces: Iterable<Uint8Array>, encoding: string): AsyncGenerator<SheetRow[]> {
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
  const read = function* (text: string) {
    if (!reader) {
      if (text === "") return;
      reader = new CsvRowReader(detectDelimiter(text.slice(0, 64 * 1024)));
      // Many undecodable characters at the start: not text in any encoding we know.
      if (countReplacements(text.slice(0, 64 * 1024)) > 16) throw notText();
    }
    yield* take(reader.push(text));
  };
  for (const piece of pieces) yield* read(decoder.decode(piece, { stream: true }));
  yield* read(decoder.decode());
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
