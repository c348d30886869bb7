import type { MissingPerson } from "@shequ/core/missing-schema";

export interface HouseholdGroup {
  householdId: string;
  door: string;
  people: MissingPerson[];
}

export interface UnitGroup {
  /** building id + unit id */
  key: string;
  buildingName: string;
  unitName: string;
  households: HouseholdGroup[];
  people: number;
}

/**
 * Cuts a page that arrives in walking order into stairwells (building + unit) and doors, the way
 * a grid worker goes round: one card per stairwell, one block per door. Order is kept as given.
 */
export function groupPeople(items: readonly MissingPerson[]): UnitGroup[] {
  const groups: UnitGroup[] = [];
  for (const p of items) {
    const key = `${p.buildingId}/${p.unitId}`;
    let unit = groups[groups.length - 1];
    if (unit?.key !== key) {
      unit = { key, buildingName: p.buildingName, unitName: p.unitName, households: [], people: 0 };
      groups.push(unit);
    }
    let household = unit.households[unit.households.length - 1];
    if (household?.householdId !== p.householdId) {
      household = { householdId: p.householdId, door: p.door, people: [] };
      unit.households.push(household);
    }
    household.people.push(p);
    unit.people += 1;
  }
  return groups;
}
