import { compareDoor } from "@shequ/core/door";
import { describe, expect, it } from "vitest";
import { chineseNumber } from "./generate-demo-registry";

describe("grid names at district scale", () => {
  it("writes numbers past 99 the way a community names its grids, and they sort in number order", () => {
    expect([9, 10, 12, 99, 100, 105, 110, 234].map(chineseNumber)).toEqual([
      "九",
      "十",
      "十二",
      "九十九",
      "一百",
      "一百零五",
      "一百一十",
      "二百三十四",
    ]);
    const names = Array.from({ length: 300 }, (_, i) => `第${chineseNumber(i + 1)}网格`);
    expect(new Set(names).size).toBe(300);
    expect([...names].sort(compareDoor)).toEqual(names);
  });
});
