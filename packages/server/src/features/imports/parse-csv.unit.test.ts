import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvRowReader, detectDelimiter } from "./parse-csv";

/** Parses text fed in the given chunk sizes, as the import feeds decoded 1 MB pieces. */
function parse(text: string, cuts: number[] = [], delimiter = ","): string[][] {
  const reader = new CsvRowReader(delimiter);
  const rows: string[][] = [];
  let at = 0;
  for (const cut of cuts) {
    const end = Math.min(text.length, at + cut);
    rows.push(...reader.push(text.slice(at, end)));
    at = end;
  }
  rows.push(...reader.push(text.slice(at)));
  rows.push(...reader.end());
  return rows;
}

const quote = (cell: string) =>
  /[",\r\n]/.test(cell) || cell === "" ? `"${cell.replaceAll('"', '""')}"` : cell;

describe("CsvRowReader", () => {
  it("reads back any table written as CSV, however the text is cut into chunks", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "张", ",", '"', "\n", "\r", " ", "1"),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 20 }),
        fc.constantFrom("\r\n", "\n"),
        (table, cuts, eol) => {
          const text = table.map((r) => r.map(quote).join(",")).join(eol);
          expect(parse(text, cuts)).toEqual(table);
        },
      ),
    );
  });

  it("forgives what spreadsheet programs forgive", () => {
    expect(parse('a,b"c,d\r\n')).toEqual([["a", 'b"c', "d"]]);
    expect(parse("a,b\rc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parse('"unclosed,x\ny')).toEqual([["unclosed,x\ny"]]);
    expect(parse('"a"b,c')).toEqual([["ab", "c"]]);
    expect(parse("a,b\r\n", [3])).toEqual([["a", "b"]]);
    expect(parse("")).toEqual([]);
  });

  it("detects the delimiter Excel used", () => {
    expect(detectDelimiter("姓名,证件号码,手机号\n")).toBe(",");
    expect(detectDelimiter("姓名\t证件号码\t手机号\n")).toBe("\t");
    expect(detectDelimiter('姓名;"a,b";x\n')).toBe(";");
  });
});
