import type { MissingPerson } from "@shequ/core/missing-schema";
import { describe, expect, it } from "vitest";
import { groupPeople } from "./group-people";

const person = (
  id: string,
  building: string,
  unit: string,
  household: string,
  door: string,
): MissingPerson => ({
  residentId: id,
  name: "雷*",
  phone: null,
  age: 47,
  sex: "F",
  flags: [],
  status: "active",
  householdId: household,
  door,
  buildingId: building,
  buildingName: `${building}号楼`,
  unitId: `${building}-${unit}`,
  unitName: `${unit}单元`,
  slot: null,
  homeRun: null,
  lastContact: null,
  exemption: null,
  previousSampledAt: null,
});

describe("groupPeople", () => {
  it("puts a page in stairwells and doors without changing the walking order", () => {
    const items = [
      person("a", "1", "1", "h1", "101"),
      person("b", "1", "1", "h1", "101"),
      person("c", "1", "1", "h2", "102"),
      person("d", "1", "2", "h3", "201"),
      person("e", "2", "1", "h4", "101"),
    ];
    const groups = groupPeople(items);
    expect(groups.map((g) => [g.buildingName, g.unitName, g.people])).toEqual([
      ["1号楼", "1单元", 3],
      ["1号楼", "2单元", 1],
      ["2号楼", "1单元", 1],
    ]);
    expect(groups[0]?.households.map((h) => [h.door, h.people.map((p) => p.residentId)])).toEqual([
      ["101", ["a", "b"]],
      ["102", ["c"]],
    ]);
    expect(groups.flatMap((g) => g.households.flatMap((h) => h.people.map((p) => p.residentId)))).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
    ]);
  });

  it("gives nothing for an empty page", () => {
    expect(groupPeople([])).toEqual([]);
  });
});
