import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCnIdNumber, cnIdCheckDigit, makeCnIdNumber } from "./id-number";

const TODAY = new Date("2024-06-01T04:00:00Z");
/** The worked example in GB 11643-1999: Chaoyang, Beijing, born 1949-12-31, a woman. */
const STANDARD_EXAMPLE = "11010519491231002X";

function reasonOf(value: string, today = TODAY): string {
  const result = checkCnIdNumber(value, today);
  return result.ok ? "ok" : result.reason;
}

describe("cnIdCheckDigit", () => {
  it("gives X for the standard's example", () => {
    expect(cnIdCheckDigit("11010519491231002")).toBe("X");
  });

  it("refuses anything but 17 digits", () => {
    expect(() => cnIdCheckDigit("1101051949123100")).toThrow(RangeError);
  });
});

describe("checkCnIdNumber", () => {
  it("accepts the standard's example and reads what it encodes", () => {
    expect(checkCnIdNumber(STANDARD_EXAMPLE, TODAY)).toEqual({
      ok: true,
      normalized: STANDARD_EXAMPLE,
      birthDate: "1949-12-31",
      sex: "F",
      regionCode: "110105",
    });
  });

  it("normalizes spaces, full-width characters and a lower-case x", () => {
    const result = checkCnIdNumber(" １１０１０５１９４９１２３１００２ｘ\u3000", TODAY);
    expect(result.ok && result.normalized).toBe(STANDARD_EXAMPLE);
    expect(reasonOf("11010519491231002x")).toBe("ok");
  });

  it("reads an odd sequence digit as a man", () => {
    const result = checkCnIdNumber(
      makeCnIdNumber({ regionCode: "620102", birthDate: "1980-01-01", sequence: 123 }),
    );
    expect(result.ok && result.sex).toBe("M");
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["11010519491231002", "length"],
    ["11010519491231002X1", "length"],
    ["1101051949123100XX", "format"],
    ["11010519491231002Y", "format"],
    [makeCnIdNumber({ regionCode: "990000", birthDate: "1980-01-01", sequence: 1 }), "region"],
    [makeCnIdNumber({ regionCode: "100000", birthDate: "1980-01-01", sequence: 1 }), "region"],
    [makeCnIdNumber({ regionCode: "110105", birthDate: "1980-02-30", sequence: 1 }), "birth_date_invalid"],
    [makeCnIdNumber({ regionCode: "110105", birthDate: "1980-13-01", sequence: 1 }), "birth_date_invalid"],
    [makeCnIdNumber({ regionCode: "110105", birthDate: "1900-02-29", sequence: 1 }), "birth_date_invalid"],
    [makeCnIdNumber({ regionCode: "110105", birthDate: "1899-12-31", sequence: 1 }), "birth_date_too_old"],
    [makeCnIdNumber({ regionCode: "110105", birthDate: "2024-06-02", sequence: 1 }), "birth_date_future"],
    ["110105194912310021", "check_digit"],
  ])("rejects %j with %s", (value, reason) => {
    expect(reasonOf(value)).toBe(reason);
  });

  it("accepts 29 February in a leap year and 1900-01-01", () => {
    expect(reasonOf(makeCnIdNumber({ regionCode: "310101", birthDate: "2000-02-29", sequence: 2 }))).toBe(
      "ok",
    );
    expect(reasonOf(makeCnIdNumber({ regionCode: "310101", birthDate: "1900-01-01", sequence: 2 }))).toBe(
      "ok",
    );
  });

  it("takes today in Beijing time, so a baby born this morning in China is not in the future", () => {
    const bornToday = makeCnIdNumber({ regionCode: "310101", birthDate: "2024-06-01", sequence: 2 });
    // 17:30 UTC on 31 May is 01:30 on 1 June in Beijing.
    expect(reasonOf(bornToday, new Date("2024-05-31T17:30:00Z"))).toBe("ok");
    expect(reasonOf(bornToday, new Date("2024-05-31T15:30:00Z"))).toBe("birth_date_future");
  });
});

describe("makeCnIdNumber", () => {
  it("rejects malformed input", () => {
    expect(() => makeCnIdNumber({ regionCode: "11010", birthDate: "1980-01-01", sequence: 1 })).toThrow(
      RangeError,
    );
    expect(() => makeCnIdNumber({ regionCode: "110105", birthDate: "19800101", sequence: 1 })).toThrow(
      RangeError,
    );
    expect(() => makeCnIdNumber({ regionCode: "110105", birthDate: "1980-01-01", sequence: 1000 })).toThrow(
      RangeError,
    );
    expect(() => makeCnIdNumber({ regionCode: "110105", birthDate: "1980-01-01", sequence: 1.5 })).toThrow(
      RangeError,
    );
  });
});

const PROVINCES = ["11", "13", "31", "44", "50", "54", "65", "71", "81", "82", "83"];
const validInput = fc.record({
  regionCode: fc
    .tuple(fc.constantFrom(...PROVINCES), fc.integer({ min: 0, max: 9999 }))
    .map(([province, rest]) => province + String(rest).padStart(4, "0")),
  birthDate: fc
    .date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date("2024-05-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
  sequence: fc.integer({ min: 0, max: 999 }),
});

describe("properties", () => {
  it("accepts every generated ID and reads back its birth date and sex", () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = checkCnIdNumber(makeCnIdNumber(input), TODAY);
        expect(result).toMatchObject({
          ok: true,
          birthDate: input.birthDate,
          sex: input.sequence % 2 === 1 ? "M" : "F",
          regionCode: input.regionCode,
        });
      }),
    );
  });

  it("rejects any single-character change to a valid ID", () => {
    const change = fc.tuple(validInput, fc.integer({ min: 0, max: 17 }), fc.constantFrom(..."0123456789X"));
    fc.assert(
      fc.property(change, ([input, position, replacement]) => {
        const valid = makeCnIdNumber(input);
        const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
        fc.pre(changed !== valid);
        const result = checkCnIdNumber(changed, TODAY);
        expect(result.ok ? "ok" : result.reason).toMatch(/^(check_digit|format|region|birth_date_\w+)$/);
      }),
      { numRuns: 500 },
    );
  });
});
