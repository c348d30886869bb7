import type { ResidentFlag } from "@shequ/core/flags";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  buildNeighbour,
  buildRegionChain,
  buildResident,
  nextIdNumber,
  type RegionChain,
} from "../../test/factories";

export interface SmallCommunity {
  a: RegionChain;
  b: RegionChain;
  /** Household ids per building, in door order (101 … 120). */
  householdsA: string[];
  householdsB: string[];
  /** Building A door 121: one bedridden resident, nobody who walks. */
  bedriddenOnly: string;
}

/**
 * Two buildings of 20 two-person households each in one community (1号楼 and 2号楼, same grid);
 * the last household of 2号楼 has one walker and one bedridden resident, and 1号楼 door 121 holds
 * only a bedridden resident.
 */
export async function buildSmallCommunity(db: Kysely<Database>): Promise<SmallCommunity> {
  const a = await buildRegionChain(db, { names: { building: "1号楼", unit: "1单元" } });
  const b = await buildNeighbour(db, a, "grid", { building: "2号楼", unit: "1单元" });
  const fill = async (chain: RegionChain, lastFlags: ResidentFlag[]) => {
    const ids: string[] = [];
    for (let door = 101; door <= 120; door++) {
      const first = await buildResident(db, chain, { door: String(door), idNumber: nextIdNumber() });
      await buildResident(db, chain, {
        door: String(door),
        idNumber: nextIdNumber(),
        flags: door === 120 ? lastFlags : [],
      });
      ids.push(first.household_id);
    }
    return ids;
  };
  const householdsA = await fill(a, []);
  const householdsB = await fill(b, ["bedridden"]);
  const alone = await buildResident(db, a, { door: "121", idNumber: nextIdNumber(), flags: ["bedridden"] });
  return { a, b, householdsA, householdsB, bedriddenOnly: alone.household_id };
}

export const FUTURE_DAY = "2030-06-01";
export const at = (time: string, day = FUTURE_DAY) => `${day}T${time}:00+08:00`;
export const utc = (time: string, day = FUTURE_DAY) => new Date(at(time, day)).toISOString();

export function campaignInput(regionIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: "第二轮全员核酸检测",
    regionIds,
    startsAt: at("08:00"),
    deadlineAt: at("08:00", "2030-06-03"),
    poolSize: 10,
    ...overrides,
  };
}

export function siteInput(regionIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    name: "杨家园小学操场",
    address: "学校操场",
    lanes: 2,
    perLanePerHour: 10,
    windows: [{ startsAt: at("08:00"), endsAt: at("14:00") }],
    regionIds,
    ...overrides,
  };
}
