import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache";

/** A read that answers `answers` in turn and counts its calls. */
function reads(...answers: (string | Error)[]) {
  const r = {
    calls: 0,
    read: () => {
      const a = answers[Math.min(r.calls, answers.length - 1)];
      r.calls += 1;
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a as string);
    },
  };
  return r;
}

describe("the station's read cache", () => {
  it("serves a value while fresh, then once stale while a refresh runs, then the refreshed one", async () => {
    let now = 0;
    const cache = new ReadCache(1000, 3000, () => now);
    const r = reads("first", "second");
    expect(await cache.get("k", r.read)).toBe("first");
    now = 900;
    expect(await cache.get("k", r.read)).toBe("first");
    expect(r.calls).toBe(1);
    now = 1500; // stale: answered at once with the old value, one refresh started
    expect(await cache.get("k", r.read)).toBe("first");
    expect(await cache.get("k", r.read)).toBe("second");
    expect(r.calls).toBe(2);
  });

  it("never serves a value older than its limit: after a pause the caller waits for a fresh read", async () => {
    let now = 0;
    const cache = new ReadCache(1000, 3000, () => now);
    const r = reads("old", "new");
    await cache.get("k", r.read);
    now = 60_000;
    expect(await cache.get("k", r.read)).toBe("new");
  });

  it("replaces a value by a failed refresh, so a revoked access is refused from then on", async () => {
    let now = 0;
    const cache = new ReadCache(1000, 3000, () => now);
    const r = reads("allowed", new Error("out of scope"));
    await cache.get("k", r.read);
    now = 1500;
    expect(await cache.get("k", r.read)).toBe("allowed");
    await expect(cache.get("k", r.read)).rejects.toThrow("out of scope");
  });

  it("spreads the refreshes of values read together over the spread", async () => {
    let now = 0;
    let draw = 0;
    // Draws 0, 0.25, 0.5, 0.75… for successive values: fresh for 500, 750, 1000, 1250 ms.
    const cache = new ReadCache(
      1000,
      3000,
      () => now,
      0.5,
      () => (draw++ % 4) / 4,
    );
    const counters = [0, 1, 2, 3].map(() => reads("old", "new"));
    for (const [i, r] of counters.entries()) await cache.get(`point ${i}`, r.read);
    const refreshedBy = async (t: number) => {
      now = t;
      for (const [i, r] of counters.entries()) await cache.get(`point ${i}`, r.read);
      return counters.filter((r) => r.calls > 1).length;
    };
    expect(await refreshedBy(400)).toBe(0);
    expect(await refreshedBy(600)).toBe(1);
    expect(await refreshedBy(900)).toBe(2);
    expect(await refreshedBy(1100)).toBe(3);
    expect(await refreshedBy(1300)).toBe(4);
  });

  it("forgets reads too old to serve once it holds a thousand", async () => {
    let now = 0;
    const cache = new ReadCache(1000, 3000, () => now);
    for (let i = 0; i < 1000; i++) await cache.get(`point ${i}`, () => Promise.resolve(i));
    now = 10_000;
    await cache.get("a new point", () => Promise.resolve(-1));
    expect(cache.size).toBe(1);
  });
});
