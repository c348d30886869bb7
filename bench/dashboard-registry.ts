/**
 * The registry bench:dashboard measures on, written by the database itself (INSERT … SELECT over
 * generate_series): a district of 10 subdistricts × 10 communities × 50 grids (5,000 grids), 5
 * buildings a grid, 2 units a building, 10 doors a unit (500,000 households), and the residents
 * spread over the households. Ids are UUIDv7-shaped like the app's own (time first), so indexes
 * fill in order as they do in production. Helper tables are named bench_* and die with the database.
 */

import { doorSortKey } from "@shequ/core/door";
import type { DbHandle } from "../packages/server/src/db/client";
import { newId } from "../packages/server/src/db/ids";

export const SUBDISTRICTS = 10;
export const COMMUNITIES_PER_SUBDISTRICT = 10;
export const GRIDS_PER_COMMUNITY = 50;
const BUILDINGS_PER_GRID = 5;
const UNITS_PER_BUILDING = 2;
const DOORS_PER_UNIT = 10;
export const GRIDS = SUBDISTRICTS * COMMUNITIES_PER_SUBDISTRICT * GRIDS_PER_COMMUNITY;
const HOUSEHOLDS = GRIDS * BUILDINGS_PER_GRID * UNITS_PER_BUILDING * DOORS_PER_UNIT;

/** A UUIDv7-shaped id from a millisecond time and a sequence number (unique per table). */
export const uuid7 = (ms: string, seq: string) =>
  `(lpad(to_hex((${ms})::bigint), 12, '0') || '70008' || lpad(to_hex((${seq})::bigint), 15, '0'))::uuid`;

/** Milliseconds the registry's ids carry (a fixed past day: the registry predates every round). */
const REGISTRY_MS = Date.UTC(2026, 0, 5);

export interface BenchRegion {
  id: string;
  level: string;
  path: string;
}

export interface BenchRegistry {
  district: BenchRegion;
  residents: number;
  households: number;
}

const text = (values: string[]) =>
  `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`;
const names = (count: number, name: (n: number) => string) =>
  Array.from({ length: count }, (_, i) => name(i + 1));

/** Writes the region tree, households and residents; returns the district at the top. */
export async function writeRegistry(
  handle: DbHandle,
  residents: number,
  say: (line: string) => void,
): Promise<BenchRegistry> {
  if (residents > 16 * HOUSEHOLDS) throw new Error(`at most ${16 * HOUSEHOLDS} residents`);
  const q = (statement: string) => handle.bulk((raw) => raw.query(statement));
  const top: BenchRegion[] = [];
  let parent: BenchRegion | null = null;
  for (const [level, name] of [
    ["province", "甘肃省"],
    ["city", "兰州市"],
    ["district", "城关区"],
  ] as const) {
    const id = newId();
    const path: string = `${parent?.path ?? "/"}${id}/`;
    await handle.db
      .insertInto("regions")
      .values({ id, parent_id: parent?.id ?? null, level, name, sort_key: doorSortKey(name), path })
      .execute();
    parent = { id, level, path };
    top.push(parent);
  }
  const district = top[2] as BenchRegion;

  await q(`create unlogged table bench_regions (ord int not null, level text not null, id uuid not null,
    parent_id uuid, path text not null, sort_key text not null, name text not null, akey text not null,
    grid_ord int, community_id uuid, grid_id uuid, building_id uuid)`);
  await q(`insert into bench_regions (ord, level, id, path, sort_key, name, akey)
    values (0, 'district', '${district.id}', '${district.path}', '', '城关区', '')`);
  // One level at a time, every parent times `per` children, named 1 … per.
  const levels = [
    ["subdistrict", "district", SUBDISTRICTS, names(SUBDISTRICTS, (n) => `第${n}街道`)],
    [
      "community",
      "subdistrict",
      COMMUNITIES_PER_SUBDISTRICT,
      names(COMMUNITIES_PER_SUBDISTRICT, (n) => `第${n}社区`),
    ],
    ["grid", "community", GRIDS_PER_COMMUNITY, names(GRIDS_PER_COMMUNITY, (n) => `第${n}网格`)],
    ["building", "grid", BUILDINGS_PER_GRID, names(BUILDINGS_PER_GRID, (n) => `${n}号楼`)],
    ["unit", "building", UNITS_PER_BUILDING, names(UNITS_PER_BUILDING, (n) => `${n}单元`)],
  ] as const;
  let seq = 0;
  for (const [level, parentLevel, per, levelNames] of levels) {
    const own = (column: string, self: string) => (level === column ? self : `x.${column}_id`);
    await q(`
      insert into bench_regions (ord, level, id, parent_id, path, sort_key, name, akey, grid_ord,
        community_id, grid_id, building_id)
      select x.ord, '${level}', x.id, x.pid, x.ppath || x.id::text || '/', x.key, x.name,
        ${level === "subdistrict" ? "''" : level === "community" ? "x.key" : "x.akey || chr(1) || x.key"},
        ${level === "grid" ? "x.ord" : "x.grid_ord"},
        ${own("community", "x.id")}, ${own("grid", "x.id")}, ${own("building", "x.id")}
      from (
        select p.ord * ${per} + k - 1 as ord, ${uuid7(String(REGISTRY_MS), `${seq} + p.ord * ${per} + k`)} as id,
          p.id as pid, p.path as ppath, (${text(levelNames.map(doorSortKey))})[k] as key,
          (${text([...levelNames])})[k] as name, p.akey, p.grid_ord, p.community_id, p.grid_id, p.building_id
        from bench_regions p cross join generate_series(1, ${per}) k where p.level = '${parentLevel}'
      ) x`);
    await q(`insert into regions (id, parent_id, level, name, sort_key, path)
      select id, parent_id, level, name, sort_key, path from bench_regions where level = '${level}' order by ord`);
    seq += 10_000_000;
  }
  await q("create index bench_regions_level_ord on bench_regions (level, ord)");

  const doors = names(DOORS_PER_UNIT, (n) => `${Math.ceil(n / 2)}0${((n - 1) % 2) + 1}`);
  await q(`
    create unlogged table bench_households as
    select u.ord * ${DOORS_PER_UNIT} + d - 1 as ord,
      ${uuid7(String(REGISTRY_MS + 1), `u.ord * ${DOORS_PER_UNIT} + d`)} as id, u.id as unit_id, u.building_id,
      u.grid_id, u.community_id, u.grid_ord, (${text(doors)})[d] as door, (${text(doors.map(doorSortKey))})[d] as sort_key,
      u.akey || chr(1) || (${text(doors.map(doorSortKey))})[d] as address_key
    from bench_regions u cross join generate_series(1, ${DOORS_PER_UNIT}) d where u.level = 'unit'`);
  await q("create unique index bench_households_ord on bench_households (ord)");
  await q(`insert into households (id, unit_id, building_id, grid_id, community_id, door, sort_key)
    select id, unit_id, building_id, grid_id, community_id, door, sort_key from bench_households order by ord`);
  say(`regions and ${HOUSEHOLDS.toLocaleString("en")} households written`);

  // Resident i lives in household i mod H: two or three a household. Ids follow the household, so
  // a household's people sit together in every index keyed by resident, as after an import.
  const step = 250_000;
  for (let from = 0; from < residents; from += step) {
    const to = Math.min(residents, from + step) - 1;
    await q(`
      insert into residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key, name,
        id_type, id_number, birth_date, sex, phone, flags, status, updated_at)
      select ${uuid7(String(REGISTRY_MS + 2), `h.ord * 16 + i / ${HOUSEHOLDS}`)}, h.id, h.unit_id, h.building_id,
        h.grid_id, h.community_id, h.address_key,
        (array['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + abs(hashint4(i)) % 10]
          || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳'])[1 + abs(hashint4(i + 7)) % 12],
        'cn_id',
        '620102' || to_char(date '1930-01-01' + (i % 32000), 'YYYYMMDD') || lpad(((i / 32000) % 1000)::text, 3, '0') || (i % 10)::text,
        date '1930-01-01' + (i % 32000),
        case when i % 2 = 0 then 'F' else 'M' end,
        '13' || lpad(((i::bigint * 7919) % 1000000000)::text, 9, '0'),
        case abs(hashint4(i + 13)) % 100 when 0 then '{bedridden}'::text[] when 1 then '{elderly_alone}'::text[]
          else '{}'::text[] end,
        'active', now()
      from generate_series(${from}, ${to}) as i
      join bench_households h on h.ord = i % ${HOUSEHOLDS}`);
    say(`  ${(to + 1).toLocaleString("en")} residents`);
  }
  await q("analyze regions, households, residents, unit_counts, bench_regions, bench_households");
  return { district, residents, households: HOUSEHOLDS };
}

/** Some regions of each level to look at, spread over the district. */
export async function pickRegions(handle: DbHandle, level: string, count: number): Promise<BenchRegion[]> {
  const all = await handle.bulk((raw) =>
    raw.query<{ id: string; ord: number; path: string }>(
      `select id, ord, path from bench_regions where level = '${level}' order by ord`,
    ),
  );
  const stride = Math.max(1, Math.floor(all.length / count));
  return all
    .filter((_, i) => i % stride === 0)
    .slice(0, count)
    .map((r) => ({ id: r.id, level, path: r.path }));
}
