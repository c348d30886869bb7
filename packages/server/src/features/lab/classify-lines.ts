import { lineMessage } from "@shequ/core/lab-result-messages";
import {
  type CheckedLine,
  type LineCode,
  type LineReason,
  normalizeBarcode,
  REASON_CODE,
  type TubeResult,
} from "@shequ/core/lab-results";
import type { TubeForResult } from "./queries";

/** One line that was not applied, as stored in result_batches.report (no personal data). */
export interface StoredReportLine {
  line: number;
  barcode: string;
  code: Exclude<LineCode, "applied">;
  reason: LineReason;
  otherLine?: number;
  result?: TubeResult;
  existing?: TubeResult;
}

/** A report line as the API answers it: the stored line with its sentence in both languages. */
export interface ReportLine extends StoredReportLine {
  message: string;
  messageEn: string;
}

export type LineOutcome =
  | { code: "applied"; line: number; tube: TubeForResult; result: TubeResult; testedAt: Date }
  | {
      code: Exclude<LineCode, "applied">;
      line: number;
      report: StoredReportLine;
      /** A different result for a tube that has one: recorded for a person to settle. */
      conflict?: { tube: TubeForResult; result: TubeResult; testedAt: Date };
    };

export type LineCounts = Record<LineCode, number>;

/** Barcodes to look up: each line's matching form, and its form as typed when that differs. */
export function barcodesToFind(
  checked: readonly CheckedLine[],
  typed: ReadonlyMap<number, string>,
): string[] {
  const wanted = new Set<string>();
  for (const line of checked) {
    if (!line.ok) continue;
    wanted.add(line.barcode);
    const raw = typed.get(line.line)?.normalize("NFKC").trim();
    if (raw) wanted.add(raw);
  }
  return [...wanted];
}

/**
 * Decides each checked line against the tubes found in the actor's area: a tube not found is
 * "unknown" (whether it exists elsewhere is never said), an open tube is "invalid", a tube with
 * the same result is "repeated", one with a different result is a "conflict" to settle.
 */
export function classifyLines(
  checked: readonly CheckedLine[],
  tubes: readonly TubeForResult[],
): LineOutcome[] {
  const byBarcode = new Map<string, TubeForResult>();
  // An exact match wins over one that differs only in letter case.
  for (const tube of tubes) {
    const key = normalizeBarcode(tube.barcode);
    if (!byBarcode.has(key) || tube.barcode === key) byBarcode.set(key, tube);
  }
  return checked.map((line): LineOutcome => {
    if (!line.ok) {
      const { ok: _ok, ...report } = line;
      return {
        code: REASON_CODE[line.reason],
        line: line.line,
        report: { ...report, code: REASON_CODE[line.reason] },
      };
    }
    const refuse = (reason: LineReason, extra: Partial<StoredReportLine> = {}) => {
      const code = REASON_CODE[reason];
      return {
        code,
        line: line.line,
        report: { line: line.line, barcode: line.barcode, code, reason, ...extra },
      };
    };
    const tube = byBarcode.get(line.barcode);
    if (!tube) return refuse("tube_unknown");
    if (tube.status === "open") return refuse("tube_open");
    if (tube.existing === line.result) return refuse("already_resulted", { existing: tube.existing });
    if (tube.existing) {
      return {
        ...refuse("result_conflict", { result: line.result, existing: tube.existing }),
        conflict: { tube, result: line.result, testedAt: line.testedAt },
      };
    }
    return { code: "applied", line: line.line, tube, result: line.result, testedAt: line.testedAt };
  });
}

export function countOutcomes(outcomes: readonly LineOutcome[]): LineCounts {
  const counts: LineCounts = { applied: 0, repeated: 0, unknown: 0, conflict: 0, invalid: 0 };
  for (const o of outcomes) counts[o.code]++;
  return counts;
}

export function reportOf(outcomes: readonly LineOutcome[]): StoredReportLine[] {
  return outcomes.flatMap((o) => ("report" in o ? [o.report] : []));
}

/** Adds the sentences; stored lines keep only reasons, so old reports read in today's words. */
export function presentReport(lines: readonly StoredReportLine[]): ReportLine[] {
  return lines.map((l) => {
    const params = { otherLine: l.otherLine, result: l.result, existing: l.existing };
    return {
      ...l,
      message: lineMessage(l.reason, "zh", params),
      messageEn: lineMessage(l.reason, "en", params),
    };
  });
}
