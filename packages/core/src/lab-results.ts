/**
 * Lab result lines as labs send them (a CSV/XLSX export of their instrument, or a machine's API
 * post): tube barcode, result word, test time. Pure: the server checks each line here before it
 * looks anything up, and the web shows the same reasons. Nothing is guessed: a line that cannot
 * be read exactly is reported with its reason and never applied.
 */
import { normalizeHeader } from "./import-columns";

export const TUBE_RESULTS = ["negative", "positive", "invalid"] as const;
export type TubeResult = (typeof TUBE_RESULTS)[number];

export const TUBE_RESULT_LABELS: Record<TubeResult, { zh: string; en: string }> = {
  negative: { zh: "阴性", en: "Negative" },
  positive: { zh: "阳性", en: "Positive" },
  invalid: { zh: "无效", en: "Invalid" },
};

/** What became of a line: applied, or one of the four ways it was not. */
export const LINE_CODES = ["applied", "repeated", "unknown", "conflict", "invalid"] as const;
export type LineCode = (typeof LINE_CODES)[number];

/** Why a line was not applied; each reason belongs to one code (see REASON_CODE). */
export type LineReason =
  | "barcode_empty"
  | "barcode_too_long"
  | "barcode_number"
  | "result_empty"
  | "result_unknown"
  | "time_empty"
  | "time_format"
  | "time_no_clock"
  | "time_future"
  | "time_too_old"
  | "file_conflict"
  | "file_repeat"
  | "tube_unknown"
  | "tube_open"
  | "already_resulted"
  | "result_conflict";

export const REASON_CODE: Record<LineReason, Exclude<LineCode, "applied">> = {
  barcode_empty: "invalid",
  barcode_too_long: "invalid",
  barcode_number: "invalid",
  result_empty: "invalid",
  result_unknown: "invalid",
  time_empty: "invalid",
  time_format: "invalid",
  time_no_clock: "invalid",
  time_future: "invalid",
  time_too_old: "invalid",
  file_conflict: "conflict",
  file_repeat: "repeated",
  tube_unknown: "unknown",
  tube_open: "invalid",
  already_resulted: "repeated",
  result_conflict: "conflict",
};

export const MAX_BARCODE_LENGTH = 64;

/**
 * The one form a barcode is matched in: full-width characters (a Chinese input method) made
 * half-width, surrounding spaces dropped, letters upper-cased.
 */
export function normalizeBarcode(raw: string): string {
  return raw.normalize("NFKC").trim().toUpperCase();
}

/** A Map, so "constructor" is not a hit. Keys are lower-case, without spaces. */
const RESULT_WORDS: ReadonlyMap<string, TubeResult> = new Map([
  ["阴性", "negative"],
  ["阴", "negative"],
  ["negative", "negative"],
  ["neg", "negative"],
  ["阳性", "positive"],
  ["阳", "positive"],
  ["positive", "positive"],
  ["pos", "positive"],
  ["无效", "invalid"],
  ["invalid", "invalid"],
]);

export type ResultWord =
  | { ok: true; result: TubeResult }
  | { ok: false; reason: "result_empty" | "result_unknown" };

/** 阴性/阴/negative/neg, 阳性/阳/positive/pos, 无效/invalid, in any case; anything else is refused. */
export function parseResultWord(raw: string): ResultWord {
  const word = raw.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  if (word === "") return { ok: false, reason: "result_empty" };
  const result = RESULT_WORDS.get(word);
  return result ? { ok: true, result } : { ok: false, reason: "result_unknown" };
}

type TimeReason = "time_empty" | "time_format" | "time_no_clock" | "time_future" | "time_too_old";
export type TestedAt = { ok: true; at: Date } | { ok: false; reason: TimeReason };

/** China has no daylight saving: a time written without an offset is +08:00. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Results before this are not from any round this system ran. */
const EARLIEST = Date.UTC(2020, 0, 1) - CHINA_OFFSET_MS;
/** A lab's clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 10 * 60_000;
/** Excel's day 0 is 1899-12-30 (it counts 1900 as a leap year); 25569 is 1970-01-01. */
const EXCEL_UNIX_DAY = 25_569;

const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:(?:\s+|T|\s*日\s*)(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?秒?)?分?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a test time: ISO 8601 ("2026-11-28T13:05:00+08:00", "…Z"), the way people and Chinese
 * Excel write it ("2026-11-28 13:05", "2026/11/28 13:05:30", "2026年11月28日 13时05分"), or an
 * Excel serial day number from an XLSX cell (46354.545 = 2026-11-28 13:04:48). Times without an
 * offset are Beijing time. A date without a clock time is refused rather than taken as midnight.
 */
export function parseTestedAt(raw: string, opts: { now: Date; numeric?: boolean }): TestedAt {
  const text = raw.normalize("NFKC").trim();
  if (text === "") return { ok: false, reason: "time_empty" };
  let at: number | undefined;
  if (opts.numeric || /^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (!Number.isFinite(serial)) return { ok: false, reason: "time_format" };
    // Whole seconds: Excel's floating day fractions are off by microseconds.
    const seconds = Math.round((serial - EXCEL_UNIX_DAY) * 86_400);
    if (Number.isInteger(serial)) return { ok: false, reason: "time_no_clock" };
    at = seconds * 1000 - CHINA_OFFSET_MS;
  } else {
    const m = DATE_TIME.exec(text);
    if (!m) return { ok: false, reason: "time_format" };
    const [, y, mo, d, h, mi, s, zone] = m;
    if (h === undefined || mi === undefined) return { ok: false, reason: "time_no_clock" };
    const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0)] as const;
    const wall = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
    const back = new Date(wall);
    // Date.UTC rolls 31 November over into December: a date that does not round-trip is wrong.
    if (
      back.getUTCMonth() !== parts[1] - 1 ||
      back.getUTCDate() !== parts[2] ||
      parts[3] > 23 ||
      parts[4] > 59 ||
      parts[5] > 59
    ) {
      return { ok: false, reason: "time_format" };
    }
    at = wall - zoneOffsetMs(zone);
  }
  if (!Number.isFinite(at)) return { ok: false, reason: "time_format" };
  if (at > opts.now.getTime() + CLOCK_SKEW_MS) return { ok: false, reason: "time_future" };
  if (at < EARLIEST) return { ok: false, reason: "time_too_old" };
  return { ok: true, at: new Date(at) };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined) return CHINA_OFFSET_MS;
  if (zone.toUpperCase() === "Z") return 0;
  const digits = zone.replace(":", "");
  const sign = digits.startsWith("-") ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 3_600_000 + Number(digits.slice(3, 5)) * 60_000);
}

export type ResultColumn = "barcode" | "result" | "time";

/** Headers labs write, after `normalizeHeader`. */
const COLUMN_NAMES: ReadonlyMap<string, ResultColumn> = new Map(
  (
    [
      [
        "barcode",
        [
          "管码",
          "条码",
          "管条码",
          "试管条码",
          "采样管码",
          "样本条码",
          "样本编号",
          "管号",
          "barcode",
          "tube",
          "tubebarcode",
        ],
      ],
      ["result", ["结果", "检测结果", "核酸结果", "核酸检测结果", "result", "testresult"]],
      ["time", ["检测时间", "时间", "检测日期", "报告时间", "出结果时间", "time", "testedat", "testtime"]],
    ] as const
  ).flatMap(([column, names]) => names.map((n) => [n, column] as const)),
);

export interface ResultHeader {
  /** Index of the header row among the rows given. */
  index: number;
  columns: Partial<Record<ResultColumn, number>>;
  missing: ResultColumn[];
}

/**
 * Finds the header row among the first rows of a file: the first that names both the barcode and
 * the result column, so a title row ("某某检测中心 11月28日结果") above it is skipped. Undefined
 * when no row does. `missing` lists required columns the row lacks (the time).
 */
export function findResultHeader(rows: readonly (readonly string[])[]): ResultHeader | undefined {
  for (const [index, cells] of rows.entries()) {
    const columns: Partial<Record<ResultColumn, number>> = {};
    for (const [i, cell] of cells.entries()) {
      const column = COLUMN_NAMES.get(normalizeHeader(cell));
      if (column && columns[column] === undefined) columns[column] = i;
    }
    if (columns.barcode !== undefined && columns.result !== undefined) {
      const missing: ResultColumn[] = columns.time === undefined ? ["time"] : [];
      return { index, columns, missing };
    }
  }
  return undefined;
}

/** One line as read from a file or an API post; `line` is what the person sees (row or index). */
export interface ResultInput {
  line: number;
  barcode: string;
  result: string;
  time: string;
  /** XLSX only: the cell held a number, not text. */
  barcodeNumeric?: boolean;
  timeNumeric?: boolean;
}

export type CheckedLine =
  | { ok: true; line: number; barcode: string; result: TubeResult; testedAt: Date }
  | { ok: false; line: number; barcode: string; reason: LineReason; otherLine?: number; result?: TubeResult };

/**
 * Checks each line on its own, then across the file: the same barcode twice with different
 * results is a conflict on every such line (none is applied: the lab must say which is right);
 * the same barcode and result again is a repeat of its first line.
 */
export function checkResultLines(inputs: readonly ResultInput[], now: Date): CheckedLine[] {
  const checked = inputs.map((input) => checkLine(input, now));
  const byBarcode = new Map<string, Extract<CheckedLine, { ok: true }>[]>();
  for (const line of checked) {
    if (!line.ok) continue;
    const group = byBarcode.get(line.barcode);
    if (group) group.push(line);
    else byBarcode.set(line.barcode, [line]);
  }
  const verdict = new Map<number, CheckedLine>();
  for (const group of byBarcode.values()) {
    const [first, ...rest] = group;
    if (!first || rest.length === 0) continue;
    const mixed = rest.some((l) => l.result !== first.result);
    for (const l of mixed ? group : rest) {
      const other = mixed ? group.find((o) => o.result !== l.result) : first;
      verdict.set(l.line, {
        ok: false,
        line: l.line,
        barcode: l.barcode,
        reason: mixed ? "file_conflict" : "file_repeat",
        otherLine: other?.line,
        result: l.result,
      });
    }
  }
  return checked.map((l) => verdict.get(l.line) ?? l);
}

function checkLine(input: ResultInput, now: Date): CheckedLine {
  const barcode = normalizeBarcode(input.barcode);
  const fail = (reason: LineReason): CheckedLine => ({ ok: false, line: input.line, barcode, reason });
  if (barcode === "") return fail("barcode_empty");
  if (barcode.length > MAX_BARCODE_LENGTH) return fail("barcode_too_long");
  // A long barcode Excel turned into a number (1.23457E+19) has lost its last digits.
  if (input.barcodeNumeric && (barcode.length > 15 || /E\+/.test(barcode))) return fail("barcode_number");
  const word = parseResultWord(input.result);
  if (!word.ok) return fail(word.reason);
  const time = parseTestedAt(input.time, { now, numeric: input.timeNumeric });
  if (!time.ok) return fail(time.reason);
  return { ok: true, line: input.line, barcode, result: word.result, testedAt: time.at };
}

/** A result that differs from what a tube already has, as the lab page lists it to settle. */
export interface ConflictView {
  id: string;
  barcode: string;
  campaignId: string;
  campaignName: string;
  siteName: string;
  /** What the tube has now. */
  current: { result: TubeResult; testedAt: string } | null;
  /** What the lab sent that differs. */
  incoming: { result: TubeResult; testedAt: string };
  batchId: string;
  batchSource: "file" | "api";
  batchFileName: string | null;
  createdAt: string;
  settled: {
    at: string;
    by: string | null;
    keep: "existing" | "new";
    reason: string;
    previousResult: TubeResult | null;
  } | null;
}
