import { cnIdCheckDigit } from "@shequ/core/id-number";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seenKey } from "./check-row";

/** A well-formed resident ID number from its parts (the check digit computed). */
const cnId = fc
  .record({
    region: fc.integer({ min: 0, max: 999_999 }),
    born: fc.date({
      min: new Date("1800-01-01T00:00:00Z"),
      max: new Date("2099-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, born, sequence }) => {
    const first17 = `${String(region).padStart(6, "0")}${born.toISOString().slice(0, 10).replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
    return first17 + cnIdCheckDigit(first17);
  });

describe("seenKey (the import's duplicate check)", () => {
  it("gives two resident ID numbers the same key exactly when they are the same number", () => {
    fc.assert(
      fc.property(cnId, cnId, (a, b) => {
        expect(seenKey("cn_id", a) === seenKey("cn_id", b)).toBe(a === b);
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps the extremes apart and exact", () => {
    const low = "000000180001010000";
    const high = "999999209912319999";
    for (const id of [low, high]) expect(Number.isSafeInteger(seenKey("cn_id", id))).toBe(true);
    expect(seenKey("cn_id", "999999209912319991")).not.toBe(seenKey("cn_id", "999999209912319981"));
    expect(seenKey("cn_id", "110105194912310021")).not.toBe(seenKey("cn_id", "110105194912310031"));
  });

  it("keys other documents by their text, apart from any resident ID number", () => {
    expect(seenKey("passport", "E12345678")).toBe(seenKey("passport", "E12345678"));
    expect(seenKey("passport", "E12345678")).not.toBe(seenKey("hk_macao_permit", "E12345678"));
    expect(typeof seenKey("cn_id", "110105179912310021")).toBe("string");
  });
});
