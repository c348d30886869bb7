import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cheapestPoolSize, poolAdvice, poolingPays, prevalenceFromPositivePools } from "./pool-size-advice";

describe("pool-size advice (Dorfman)", () => {
  it("gives the textbook tests per person", () => {
    const [five, ten, twenty] = poolAdvice(0.01);
    expect(five?.testsPerPerson).toBeCloseTo(0.2 + (1 - 0.99 ** 5), 10);
    expect(ten?.testsPerPerson).toBeCloseTo(0.1 + (1 - 0.99 ** 10), 10);
    expect(twenty?.testsPerPerson).toBeCloseTo(0.05 + (1 - 0.99 ** 20), 10);
  });

  it("pools big when almost nobody is positive, and small when many are", () => {
    expect(cheapestPoolSize(0.0001)).toBe(20);
    expect(cheapestPoolSize(0.01)).toBe(10);
    expect(cheapestPoolSize(0.03)).toBe(5);
  });

  it("at any prevalence, the advised size costs no more tests than the others", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        const advice = poolAdvice(p);
        const best = advice.find((a) => a.poolSize === cheapestPoolSize(p));
        for (const a of advice) expect(best?.testsPerPerson).toBeLessThanOrEqual(a.testsPerPerson + 1e-12);
      }),
    );
  });

  it("reads the prevalence back from a round's share of positive pools", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom(5, 10, 20), (p, k) => {
        const rate = poolAdvice(p, [k])[0]?.positivePoolRate ?? 0;
        expect(prevalenceFromPositivePools(rate, k)).toBeCloseTo(p, 9);
      }),
    );
  });

  it("says when pooling costs more than single tubes: above about 30 %, and never below", () => {
    expect(poolingPays(0.001)).toBe(true);
    expect(poolingPays(0.25)).toBe(true);
    expect(poolingPays(0.35)).toBe(false);
    expect(poolingPays(1)).toBe(false);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          // Once it stops paying it never pays again at a higher prevalence.
          const [lo, hi] = a < b ? [a, b] : [b, a];
          expect(!poolingPays(lo) && poolingPays(hi)).toBe(false);
        },
      ),
    );
  });

  it("refuses a prevalence outside 0..1", () => {
    expect(() => poolAdvice(-0.1)).toThrow(RangeError);
    expect(() => poolAdvice(1.5)).toThrow(RangeError);
  });
});
