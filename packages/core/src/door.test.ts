import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDoor, doorSortKey } from "./door";

/** Byte-wise comparison of keys, as JavaScript (UTF-16 code units) and COLLATE "C" agree on these inputs. */
function compareKeys(a: string, b: string): number {
  return Math.sign(doorSortKey(a) < doorSortKey(b) ? -1 : doorSortKey(a) > doorSortKey(b) ? 1 : 0);
}

const door = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[0-9]{1,4}$/),
      fc.constantFrom(
        "0",
        "00",
        "007",
        "12345678901234567890",
        "１２",
        "-",
        "第",
        "十",
        "二",
        "网格",
        "号楼",
        "单元",
        "室",
        " ",
        "A",
        "b",
        "Z",
        "/",
      ),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(""));

describe("compareDoor", () => {
  it.each([
    ["3-2-502", "3-2-1001"],
    ["2号楼", "10号楼"],
    ["502", "1001"],
    ["A3", "A12"],
    ["3-2", "3-2-1"],
    ["9", "10"],
    ["99999999999", "100000000000"],
    ["02", "2"],
    ["12号楼", "１２号楼"],
  ])("puts %j before %j", (a, b) => {
    expect(compareDoor(a, b)).toBeLessThan(0);
    expect(compareDoor(b, a)).toBeGreaterThan(0);
  });

  it("sorts a building's doors the way residents number them", () => {
    const doors = [
      "10号楼-1-101",
      "2号楼-1-1001",
      "2号楼-1-502",
      "2号楼-1-101",
      "1号楼-2-101",
      "2号楼-1-0101",
    ];
    expect(doors.sort(compareDoor)).toEqual([
      "1号楼-2-101",
      "2号楼-1-0101",
      "2号楼-1-101",
      "2号楼-1-502",
      "2号楼-1-1001",
      "10号楼-1-101",
    ]);
  });

  it("is zero only for identical strings", () => {
    expect(compareDoor("3-2-502", "3-2-502")).toBe(0);
    expect(compareDoor("", "")).toBe(0);
    expect(compareDoor("", "1")).toBeLessThan(0);
  });
});

describe("doorSortKey", () => {
  it("writes each number as its digit count and digits, then the raw value", () => {
    expect(doorSortKey("3-2-502")).toBe("13-12-3502\u00013-2-502");
    expect(doorSortKey("12345678901")).toBe("9212345678901\u000112345678901");
  });

  it("sorts keys of the examples as compareDoor does", () => {
    const doors = ["3-2-1001", "3-2-502", "10号楼", "2号楼", "A12", "A3", "1001", "502", "3-2"];
    const byKey = [...doors].sort((a, b) => compareKeys(a, b));
    expect(byKey).toEqual([...doors].sort(compareDoor));
  });
});

describe("properties", () => {
  it("is antisymmetric and zero only on equal strings", () => {
    fc.assert(
      fc.property(door, door, (a, b) => {
        expect(Math.sign(compareDoor(a, b)) + Math.sign(compareDoor(b, a))).toBe(0);
        expect(compareDoor(a, b) === 0).toBe(a === b);
      }),
      { numRuns: 1000 },
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(door, door, door, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareDoor) as [string, string, string];
        expect(compareDoor(x, y)).toBeLessThanOrEqual(0);
        expect(compareDoor(y, z)).toBeLessThanOrEqual(0);
        expect(compareDoor(x, z)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("orders keys exactly as compareDoor orders values", () => {
    fc.assert(
      fc.property(door, door, (a, b) => {
        expect(compareKeys(a, b)).toBe(Math.sign(compareDoor(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with compareDoor on arbitrary text too", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(compareKeys(a, b)).toBe(Math.sign(compareDoor(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("Chinese numerals in addresses", () => {
  it("orders grids and buildings written in Chinese numerals by number", () => {
    const grids = ["第十二网格", "第二网格", "第十网格", "第一网格", "第三网格"];
    expect([...grids].sort(compareDoor)).toEqual([
      "第一网格",
      "第二网格",
      "第三网格",
      "第十网格",
      "第十二网格",
    ]);
    expect(compareDoor("二号楼", "十一号楼")).toBeLessThan(0);
    expect(compareDoor("一百零五号", "九十九号")).toBeGreaterThan(0);
  });

  it("leaves numerals that are part of a place name as text", () => {
    expect(doorSortKey("十里店").startsWith("十里店")).toBe(true);
    expect(doorSortKey("第十网格").startsWith("第210网格")).toBe(true);
  });
});
