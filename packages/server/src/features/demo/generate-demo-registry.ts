import { joinAddressKey } from "@shequ/core/address-key";
import { doorSortKey } from "@shequ/core/door";
import type { ResidentFlag } from "@shequ/core/flags";
import type { RegionLevel } from "@shequ/core/regions";
import { newId } from "../../db/ids";
import { DemoPeople } from "./demo-people";
import { SeededRandom, weightedTable } from "./seeded-random";

export const DEMO_SUBDISTRICT = "酒泉路街道";

// Shares of the subdistrict's residents; 杨家园社区 is the community on the source page.
const COMMUNITIES = [
  ["杨家园社区", 0.22],
  ["畅家巷社区", 0.2],
  ["石头坪社区", 0.19],
  ["金塔巷社区", 0.18],
  ["酒泉路社区", 0.21],
] as const;
const RESIDENTS_PER_GRID = 1300;
const MIN_GRIDS = 3;
const VACANT_SHARE = 0.08;

// Jiuquan Road is old town: mostly six- and seven-storey walk-ups, some newer towers.
const BUILDING_KINDS = weightedTable([
  [{ floors: [6, 7], rooms: [2, 2], units: [2, 4] }, 55],
  [{ floors: [9, 11], rooms: [2, 3], units: [2, 3] }, 20],
  [{ floors: [18, 30], rooms: [4, 4], units: [1, 2] }, 25],
] as const);

export interface DemoRegion {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  name: string;
  code: string | null;
  sortKey: string;
  path: string;
}

export interface DemoHousehold {
  id: string;
  unitId: string;
  buildingId: string;
  gridId: string;
  communityId: string;
  door: string;
  sortKey: string;
}

export interface DemoResident {
  id: string;
  householdId: string;
  unitId: string;
  buildingId: string;
  gridId: string;
  communityId: string;
  addressKey: string;
  name: string;
  idNumber: string;
  birthDate: string;
  sex: "M" | "F";
  phone: string | null;
  flags: ResidentFlag[];
}

export interface DemoRegistry {
  regions: DemoRegion[];
  households: DemoHousehold[];
  residents: DemoResident[];
  /** Region ids by name path ("城关区", "杨家园社区/第一网格"), for the demo accounts' scopes. */
  scopes: Map<string, string>;
}

/**
 * Builds the demo subdistrict in memory: 甘肃省 → 兰州市 → 城关区 → 酒泉路街道, five communities,
 * grids, buildings, units, households and exactly `residents` people. The same seed and date give
 * the same people (ids aside).
 */
export function generateDemoRegistry(opts: { residents: number; today: Date; seed?: number }): DemoRegistry {
  const rng = new SeededRandom(opts.seed ?? 20_221_108);
  const people = new DemoPeople(rng, opts.today);
  const out: DemoRegistry = { regions: [], households: [], residents: [], scopes: new Map() };
  const region = (
    parent: DemoRegion | null,
    level: RegionLevel,
    name: string,
    code: string | null = null,
  ) => {
    const id = newId();
    const r: DemoRegion = {
      id,
      parentId: parent?.id ?? null,
      level,
      name,
      code,
      sortKey: doorSortKey(name),
      path: `${parent?.path ?? "/"}${id}/`,
    };
    out.regions.push(r);
    return r;
  };

  const province = region(null, "province", "甘肃省", "620000");
  const city = region(province, "city", "兰州市", "620100");
  const district = region(city, "district", "城关区", "620102");
  const subdistrict = region(district, "subdistrict", DEMO_SUBDISTRICT);
  out.scopes.set("城关区", district.id);
  out.scopes.set(DEMO_SUBDISTRICT, subdistrict.id);

  let left = opts.residents;
  COMMUNITIES.forEach(([name, share], index) => {
    const community = region(subdistrict, "community", name);
    out.scopes.set(name, community.id);
    const target = index === COMMUNITIES.length - 1 ? left : Math.round(opts.residents * share);
    left -= target;
    const gridCount = Math.max(MIN_GRIDS, Math.round(target / RESIDENTS_PER_GRID));
    let buildingNo = 0;
    for (let g = 0; g < gridCount; g++) {
      const grid = region(community, "grid", `第${chineseNumber(g + 1)}网格`);
      out.scopes.set(`${name}/${grid.name}`, grid.id);
      const gridTarget = Math.floor(target / gridCount) + (g < target % gridCount ? 1 : 0);
      let placed = 0;
      while (placed < gridTarget) {
        const kind = rng.weighted(BUILDING_KINDS);
        const building = region(grid, "building", `${++buildingNo}号楼`);
        const floors = rng.int(kind.floors[0], kind.floors[1]);
        const rooms = rng.int(kind.rooms[0], kind.rooms[1]);
        const unitCount = rng.int(kind.units[0], kind.units[1]);
        for (let u = 1; u <= unitCount; u++) {
          const unit = region(building, "unit", `${u}单元`);
          for (let floor = 1; floor <= floors; floor++) {
            for (let room = 1; room <= rooms; room++) {
              if (placed >= gridTarget || rng.chance(VACANT_SHARE)) continue;
              const door = `${floor}${String(room).padStart(2, "0")}`;
              const size = Math.min(people.householdSize(), gridTarget - placed);
              const firstInYangjiayuan = index === 0 && g === 0 && placed === 0;
              const members = firstInYangjiayuan ? people.leiMinHousehold(size) : people.household(size);
              addHousehold(out, { community, grid, building, unit }, door, members);
              placed += members.length;
            }
          }
        }
      }
    }
  });
  return out;
}

function addHousehold(
  out: DemoRegistry,
  at: { community: DemoRegion; grid: DemoRegion; building: DemoRegion; unit: DemoRegion },
  door: string,
  members: ReturnType<DemoPeople["household"]>,
): void {
  const sortKey = doorSortKey(door);
  const household: DemoHousehold = {
    id: newId(),
    unitId: at.unit.id,
    buildingId: at.building.id,
    gridId: at.grid.id,
    communityId: at.community.id,
    door,
    sortKey,
  };
  out.households.push(household);
  const addressKey = joinAddressKey([
    at.community.sortKey,
    at.grid.sortKey,
    at.building.sortKey,
    at.unit.sortKey,
    sortKey,
  ]);
  for (const person of members) {
    out.residents.push({
      id: newId(),
      householdId: household.id,
      unitId: household.unitId,
      buildingId: household.buildingId,
      gridId: household.gridId,
      communityId: household.communityId,
      addressKey,
      ...person,
    });
  }
}

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 10 → 十, 12 → 十二, 35 → 三十五, 105 → 一百零五, 110 → 一百一十 (grid names). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] as string;
  if (n >= 100) {
    // 一百零五, 一百一十, 二百三十四 (a district has a few hundred grids per community at most).
    const rest = n % 100;
    const tail =
      rest === 0 ? "" : rest < 10 ? `零${DIGITS[rest]}` : `${rest < 20 ? "一" : ""}${chineseNumber(rest)}`;
    return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}
