import { randomBytes } from "node:crypto";
import { joinAddressKey } from "@shequ/core/address-key";
import { doorSortKey } from "@shequ/core/door";
import type { ResidentFlag } from "@shequ/core/flags";
import { makeCnIdNumber } from "@shequ/core/id-number";
import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import { newId } from "../db/ids";
import type { Database, Region, Resident, User } from "../db/schema";
import { createRegion } from "../features/regions/create-region";

const uniq = () => randomBytes(4).toString("hex");

export interface RegionChain {
  province: Region;
  city: Region;
  district: Region;
  subdistrict: Region;
  community: Region;
  grid: Region;
  building: Region;
  unit: Region;
}

/**
 * A full province → unit chain with unique names. Pass `under` to hang a new community (or grid,
 * building, unit) below an existing chain, so tests can build neighbours.
 */
export async function buildRegionChain(
  db: Kysely<Database>,
  opts: { under?: Partial<RegionChain>; names?: Partial<Record<keyof RegionChain, string>> } = {},
): Promise<RegionChain> {
  const levels = [
    "province",
    "city",
    "district",
    "subdistrict",
    "community",
    "grid",
    "building",
    "unit",
  ] as const;
  const chain: Partial<RegionChain> = {};
  let parent: Region | null = null;
  for (const level of levels) {
    const given: Region | undefined = opts.under?.[level];
    if (given) {
      chain[level] = given;
      parent = given;
      continue;
    }
    const name = opts.names?.[level] ?? `${level}-${uniq()}`;
    const region: Region = await createRegion(db, { parentId: parent?.id ?? null, level, name });
    chain[level] = region;
    parent = region;
  }
  return chain as RegionChain;
}

export async function buildUser(
  db: Kysely<Database>,
  opts: { role: Role; scopeRegionId: string | null; username?: string; passwordHash?: string },
): Promise<User> {
  return db
    .insertInto("users")
    .values({
      id: newId(),
      username: opts.username ?? `user-${uniq()}`,
      display_name: "Test user",
      password_hash: opts.passwordHash ?? "scrypt$1$1$1$AA==$AA==",
      role: opts.role,
      scope_region_id: opts.scopeRegionId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let sequence = 0;

/** A resident in a new (or given) household of the unit, with a valid synthetic ID number. */
export async function buildResident(
  db: Kysely<Database>,
  chain: RegionChain,
  opts: {
    door?: string;
    name?: string;
    phone?: string | null;
    flags?: ResidentFlag[];
    birthDate?: string;
    idNumber?: string;
  } = {},
): Promise<Resident> {
  const door = opts.door ?? String(101 + (sequence % 900));
  const existing = await db
    .selectFrom("households")
    .select("id")
    .where("unit_id", "=", chain.unit.id)
    .where("door", "=", door)
    .executeTakeFirst();
  const householdId = existing?.id ?? newId();
  if (!existing) {
    await db
      .insertInto("households")
      .values({
        id: householdId,
        unit_id: chain.unit.id,
        building_id: chain.building.id,
        grid_id: chain.grid.id,
        community_id: chain.community.id,
        door,
        sort_key: doorSortKey(door),
      })
      .execute();
  }
  sequence += 1;
  const birthDate = opts.birthDate ?? "1979-03-14";
  const idNumber =
    opts.idNumber ??
    makeCnIdNumber({ regionCode: "620102", birthDate, sequence: (sequence * 7 + Date.now()) % 1000 });
  return db
    .insertInto("residents")
    .values({
      id: newId(),
      household_id: householdId,
      unit_id: chain.unit.id,
      building_id: chain.building.id,
      grid_id: chain.grid.id,
      community_id: chain.community.id,
      address_key: joinAddressKey([
        chain.community.sort_key,
        chain.grid.sort_key,
        chain.building.sort_key,
        chain.unit.sort_key,
        doorSortKey(door),
      ]),
      name: opts.name ?? `测试${uniq()}`,
      id_type: "cn_id",
      id_number: idNumber,
      birth_date: birthDate,
      sex: Number(idNumber[16]) % 2 === 1 ? "M" : "F",
      phone: opts.phone === undefined ? `138${String(10_000_000 + sequence).slice(-8)}` : opts.phone,
      flags: opts.flags ?? [],
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A new branch hanging below `level` of an existing chain: e.g. `buildNeighbour(db, a, "community")`
 * gives a second grid (with its own building and unit) in the same community as `a`.
 */
export async function buildNeighbour(
  db: Kysely<Database>,
  chain: RegionChain,
  level: keyof RegionChain,
  names: Partial<Record<keyof RegionChain, string>> = {},
): Promise<RegionChain> {
  const order: (keyof RegionChain)[] = [
    "province",
    "city",
    "district",
    "subdistrict",
    "community",
    "grid",
    "building",
    "unit",
  ];
  const under: Partial<RegionChain> = {};
  for (const key of order.slice(0, order.indexOf(level) + 1)) under[key] = chain[key];
  return buildRegionChain(db, { under, names });
}

let idSerial = 0;

/**
 * A valid synthetic ID number that no other call in this process returns (birth dates step a day
 * at a time from 1950; with a fixed birth date, the sequence steps), for tests that build many residents.
 */
export function nextIdNumber(opts: { birthDate?: string } = {}): string {
  idSerial += 1;
  const day = new Date(Date.UTC(1950, 0, 1) + (idSerial % 20_000) * 86_400_000);
  const birthDate = opts.birthDate ?? day.toISOString().slice(0, 10);
  // A given birth date repeats, so the sequence must change instead.
  const sequence = opts.birthDate ? idSerial % 1000 : Math.floor(idSerial / 20_000) % 1000;
  return makeCnIdNumber({ regionCode: "620102", birthDate, sequence });
}
