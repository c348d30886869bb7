import { describe, expect, it } from "vitest";
import { readSearchTerm } from "./search-terms";

describe("readSearchTerm", () => {
  it("reads Chinese text as a name prefix and escapes LIKE wildcards", () => {
    expect(readSearchTerm(" 雷敏 ")).toEqual({ kind: "name", pattern: "雷敏%" });
    expect(readSearchTerm("a_b%")).toEqual({ kind: "name", pattern: "a\\_b\\%%" });
  });

  it("reads short digit strings as a phone or ID prefix, tolerating spaces and full-width digits", () => {
    expect(readSearchTerm("138 1234")).toEqual({ kind: "phone_or_id", pattern: "1381234%" });
    expect(readSearchTerm("６２０１")).toEqual({ kind: "phone_or_id", pattern: "6201%" });
  });

  it("reads ID-shaped values as an ID-number prefix, upper-casing x", () => {
    expect(readSearchTerm("62010219790314123")).toEqual({ kind: "id_number", pattern: "62010219790314123%" });
    expect(readSearchTerm("62010219790314123x")).toEqual({
      kind: "id_number",
      pattern: "62010219790314123X%",
    });
    expect(readSearchTerm("E1234567")).toEqual({ kind: "id_number", pattern: "E1234567%" });
  });

  it("ignores an empty search", () => {
    expect(readSearchTerm("  ")).toBeUndefined();
  });
});
