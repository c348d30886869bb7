import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineMessage } from "./lab-result-messages";
import {
  checkResultLines,
  findResultHeader,
  type LineReason,
  normalizeBarcode,
  parseResultWord,
  parseTestedAt,
  REASON_CODE,
  type ResultInput,
} from "./lab-results";

const now = new Date("2026-11-29T00:00:00+08:00");
const at = (text: string, numeric = false) => parseTestedAt(text, { now, numeric });

describe("normalizeBarcode", () => {
  it("trims, upper-cases and folds full-width characters", () => {
    expect(normalizeBarcode("  tb0012ab \t")).toBe("TB0012AB");
    expect(normalizeBarcode("ＴＢ００１２")).toBe("TB0012");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeBarcode(normalizeBarcode(s)) === normalizeBarcode(s)));
  });
});

describe("parseResultWord", () => {
  it.each([
    ["阴性", "negative"],
    ["阴", "negative"],
    [" Negative ", "negative"],
    ["NEG", "negative"],
    ["阳性", "positive"],
    ["阳", "positive"],
    ["positive", "positive"],
    ["Pos", "positive"],
    ["无效", "invalid"],
    ["INVALID", "invalid"],
    ["阴 性", "negative"],
  ])("reads %j as %s", (word, result) => {
    expect(parseResultWord(word)).toEqual({ ok: true, result });
  });

  it.each([
    ["", "result_empty"],
    ["  ", "result_empty"],
    ["阴性?", "result_unknown"],
    ["弱阳性", "result_unknown"],
    ["-", "result_unknown"],
    ["1", "result_unknown"],
    ["constructor", "result_unknown"],
  ])("refuses %j with %s", (word, reason) => {
    expect(parseResultWord(word)).toEqual({ ok: false, reason });
  });
});

describe("parseTestedAt", () => {
  it.each([
    ["2026-11-28T13:05:00+08:00", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28T05:05:00Z", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28T05:05:00.250Z", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28 13:05", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28 13:05:30", "2026-11-28T05:05:30.000Z"],
    ["2026/11/28 9:05", "2026-11-28T01:05:00.000Z"],
    ["2026.11.28 13:05", "2026-11-28T05:05:00.000Z"],
    ["2026年11月28日 13:05", "2026-11-28T05:05:00.000Z"],
    ["2026年11月28日13时05分", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28 13：05", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28T13:05+0800", "2026-11-28T05:05:00.000Z"],
    ["2026-11-28T13:05-0130", "2026-11-28T14:35:00.000Z"],
  ])("reads %j", (text, iso) => {
    const parsed = at(text);
    expect(parsed.ok && parsed.at.toISOString()).toBe(iso);
  });

  it("reads Excel serial day numbers from XLSX cells as Beijing time, to the second", () => {
    // 46354 is 2026-11-28; .545 of a day is 13:04:48.
    const parsed = at("46354.545", true);
    expect(parsed.ok && parsed.at.toISOString()).toBe("2026-11-28T05:04:48.000Z");
    // Floating-point noise in the fraction does not leak into the time.
    const noisy = at(String(46354 + (13 * 3600 + 5 * 60) / 86400), true);
    expect(noisy.ok && noisy.at.toISOString()).toBe("2026-11-28T05:05:00.000Z");
  });

  it.each([
    ["", "time_empty"],
    ["2026-11-28", "time_no_clock"],
    ["46354", "time_no_clock"],
    ["yesterday", "time_format"],
    ["2026-11-31 13:05", "time_format"],
    ["2026-02-29 13:05", "time_format"],
    ["2026-11-28 24:05", "time_format"],
    ["2026-11-28 13:65", "time_format"],
    ["28/11/2026 13:05", "time_format"],
    ["2026-11-29 13:05", "time_future"],
    ["2019-12-31 23:59", "time_too_old"],
  ])("refuses %j with %s", (text, reason) => {
    expect(at(text)).toEqual({ ok: false, reason });
  });

  it("allows a lab clock a few minutes ahead", () => {
    expect(at("2026-11-29 00:05").ok).toBe(true);
  });
});

describe("findResultHeader", () => {
  it("skips a title row and finds the columns by their usual names", () => {
    const header = findResultHeader([
      ["某某检测中心 11月28日核酸结果"],
      [],
      ["序号", "试管条码", "核酸检测结果", "检测时间（北京时间）"],
    ]);
    expect(header).toEqual({ index: 2, columns: { barcode: 1, result: 2, time: 3 }, missing: [] });
  });

  it("reads English headers and says when the time column is missing", () => {
    expect(findResultHeader([["Barcode", "Result"]])).toEqual({
      index: 0,
      columns: { barcode: 0, result: 1 },
      missing: ["time"],
    });
  });

  it("finds nothing without a barcode and a result column", () => {
    expect(
      findResultHeader([
        ["姓名", "结果"],
        ["a", "b"],
      ]),
    ).toBeUndefined();
  });
});

const line = (n: number, barcode: string, result: string, time = "2026-11-28 13:05"): ResultInput => ({
  line: n,
  barcode,
  result,
  time,
});

describe("checkResultLines", () => {
  it("normalises good lines and gives each bad one its reason", () => {
    const lines = checkResultLines(
      [
        line(2, " tb1 ", "阴性"),
        line(3, "", "阴性"),
        line(4, "TB3", "maybe"),
        line(5, "TB4", "阳性", "2026-11-28"),
        { ...line(6, "12345678901234567890", "阴性"), barcodeNumeric: true },
      ],
      now,
    );
    expect(lines).toEqual([
      { ok: true, line: 2, barcode: "TB1", result: "negative", testedAt: new Date("2026-11-28T05:05:00Z") },
      { ok: false, line: 3, barcode: "", reason: "barcode_empty" },
      { ok: false, line: 4, barcode: "TB3", reason: "result_unknown" },
      { ok: false, line: 5, barcode: "TB4", reason: "time_no_clock" },
      { ok: false, line: 6, barcode: "12345678901234567890", reason: "barcode_number" },
    ]);
  });

  it("reports both lines of a barcode with different results in one file as a conflict", () => {
    const lines = checkResultLines(
      [line(2, "TB1", "阴性"), line(3, "TB2", "阴性"), line(4, "tb1", "阳性")],
      now,
    );
    expect(lines.map((l) => (l.ok ? "ok" : `${l.reason}:${l.otherLine}`))).toEqual([
      "file_conflict:4",
      "ok",
      "file_conflict:2",
    ]);
  });

  it("applies a barcode repeated with the same result once", () => {
    const lines = checkResultLines([line(2, "TB1", "阳性"), line(3, "TB1", "阳")], now);
    expect(lines.map((l) => (l.ok ? "ok" : `${l.reason}:${l.otherLine}`))).toEqual(["ok", "file_repeat:2"]);
  });

  it("never lets two different results for one barcode through", () => {
    const word = fc.constantFrom("阴性", "阳性", "无效", "neg", "pos");
    const code = fc.constantFrom("A1", "a1", "B2", "C3");
    fc.assert(
      fc.property(fc.array(fc.tuple(code, word), { maxLength: 30 }), (rows) => {
        const checked = checkResultLines(
          rows.map(([b, w], i) => line(i + 2, b, w)),
          now,
        );
        const applied = new Map<string, string[]>();
        for (const l of checked)
          if (l.ok) applied.set(l.barcode, [...(applied.get(l.barcode) ?? []), l.result]);
        // At most one applied line per barcode, and a line is only dropped with a reason.
        return (
          [...applied.values()].every((results) => results.length === 1) && checked.length === rows.length
        );
      }),
    );
  });
});

describe("lineMessage", () => {
  it("has a sentence in both languages for every reason", () => {
    for (const reason of Object.keys(REASON_CODE) as LineReason[]) {
      for (const lang of ["zh", "en"] as const) {
        const text = lineMessage(reason, lang, { otherLine: 3, result: "positive", existing: "negative" });
        expect(text.length).toBeGreaterThan(8);
        expect(text).not.toContain("undefined");
      }
    }
  });
});
