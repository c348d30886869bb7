import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskIdNumber, maskName, maskPhone } from "./mask";

/** Asserts the mask has the same length and shows only `head` leading and `tail` trailing characters. */
function expectOnlyEndsShown(value: string, masked: string, head: number, tail: number): void {
  const original = Array.from(value);
  const shown = Array.from(masked);
  expect(shown).toHaveLength(original.length);
  shown.forEach((char, i) => {
    const kept = i < head || i >= original.length - tail;
    expect(char).toBe(kept ? original[i] : "*");
  });
}

describe("maskIdNumber", () => {
  it("keeps the first and last four of an 18-character ID", () => {
    expect(maskIdNumber("620102198001011234")).toBe("6201**********1234");
  });

  it("keeps two and two of other lengths and hides short values entirely", () => {
    expect(maskIdNumber("E12345678")).toBe("E1*****78");
    expect(maskIdNumber("H1234")).toBe("H1*34");
    expect(maskIdNumber("1234")).toBe("****");
    expect(maskIdNumber("")).toBe("");
  });
});

describe("maskPhone", () => {
  it("masks the middle four of a mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });

  it("keeps only the last four of anything else", () => {
    expect(maskPhone("02112345678")).toBe("021****5678");
    expect(maskPhone("+8613812345678")).toBe("**********5678");
    expect(maskPhone("12345")).toBe("*2345");
    expect(maskPhone("1234")).toBe("****");
    expect(maskPhone("")).toBe("");
  });
});

describe("maskName", () => {
  it.each([
    ["雷敏", "雷*"],
    ["欧阳娜娜", "欧**娜"],
    ["王小明", "王*明"],
    ["雷", "*"],
    ["", ""],
    ["𠮷野家", "𠮷*家"],
  ])("masks %j as %j", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe("properties", () => {
  const text = fc.string({ unit: "grapheme-composite", maxLength: 30 });

  it("an ID mask keeps the length and shows only the stated ends", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.stringMatching(/^[0-9X]{18}$/)), (value) => {
        const length = Array.from(value).length;
        const [head, tail] = length === 18 ? [4, 4] : length <= 4 ? [0, 0] : [2, 2];
        expectOnlyEndsShown(value, maskIdNumber(value), head, tail);
      }),
    );
  });

  it("a phone mask keeps the length and shows only the stated ends", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.stringMatching(/^\d{11}$/)), (value) => {
        const length = Array.from(value).length;
        const [head, tail] = /^\d{11}$/.test(value) ? [3, 4] : length <= 4 ? [0, 0] : [0, 4];
        expectOnlyEndsShown(value, maskPhone(value), head, tail);
      }),
    );
  });

  it("a name mask keeps the length and never shows more than the first and last character", () => {
    fc.assert(
      fc.property(text, (value) => {
        const length = Array.from(value).length;
        const [head, tail] = length <= 1 ? [0, 0] : length === 2 ? [1, 0] : [1, 1];
        expectOnlyEndsShown(value, maskName(value), head, tail);
      }),
    );
  });
});
