import { describe, expect, it } from "vitest";
import { lookupCode, normaliseLookupCode } from "./lookup-code";

const secret = new Uint8Array(32).fill(7);
const other = new Uint8Array(32).fill(8);

describe("a resident's lookup code", () => {
  it("is six digits, the same for the same person, different per person and per secret", () => {
    const a = lookupCode(secret, "0190f3a0-0000-7000-8000-000000000001");
    expect(a).toMatch(/^\d{6}$/);
    expect(lookupCode(secret, "0190f3a0-0000-7000-8000-000000000001")).toBe(a);
    expect(lookupCode(secret, "0190f3a0-0000-7000-8000-000000000002")).not.toBe(a);
    expect(lookupCode(other, "0190f3a0-0000-7000-8000-000000000001")).not.toBe(a);
  });

  it("spreads over the digits (no code shared by many people)", () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++) codes.add(lookupCode(secret, `resident-${i}`));
    // 5,000 draws from a million: a handful of collisions at most.
    expect(codes.size).toBeGreaterThan(4980);
  });

  it("takes what a person types, spaces and dashes included, and refuses anything else", () => {
    expect(normaliseLookupCode(" 123 456 ")).toBe("123456");
    expect(normaliseLookupCode("123-456")).toBe("123456");
    expect(normaliseLookupCode("12345")).toBeNull();
    expect(normaliseLookupCode("12345a")).toBeNull();
  });
});
