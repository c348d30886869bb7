/**
 * How fast the resident list answers at registry scale. Fills a PGlite database (memory://)
 * with N residents (default 1,000,000; `--rows 100000` for a quick run) spread over a
 * subdistrict of 10 communities, then times the real list use case — first page, a name search,
 * a flag filter — as an administrator and as a community secretary, plus a grid worker's first
 * page: median of 5 runs each after one warm-up. Also times the region tree's counts.
 * `--explain` prints each query's plan; `--data-dir DIR` keeps the filled database to reuse.
 *
 *   npx tsx bench/residents-list.ts [--rows N] [--explain] [--data-dir DIR]
 *
 * Prints one JSON line at the end; the limit is 100 ms per list call.
 */
import { joinAddressKey } from "@shequ/core/address-key";
import { doorSortKey } from "@shequ/core/door";
import { type Kysely, type RootOperationNode, sql } from "kysely";
import { openDb } from "../packages/server/src/db/client";
import { newId } from "../packages/server/src/db/ids";
import { migrateToLatest } from "../packages/server/src/db/migrate";
import type { Database } from "../packages/server/src/db/schema";
import { getRegion } from "../packages/server/src/features/regions/get-region";
import { listChildRegions } from "../packages/server/src/features/regions/list-regions";
import type { RegionRef } from "../packages/server/src/features/regions/scope";
import {
  type FindResidentsQuery,
  findResidents,
} from "../packages/server/src/features/residents/find-residents";
import type { SessionUser } from "../packages/server/src/http";
import { checkTargets, type IssueTarget } from "./bench-support";

const LIMIT_MS = 100;
const RUNS = 5;
const COMMUNITIES = 10;
const GRIDS = 10;
const BUILDINGS = 10;
const UNITS = 4;
const PEOPLE_PER_HOUSEHOLD = 3;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
const GIVEN = (
  "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 秀兰 霞 平 刚 桂英 建华 建国 建军 玉兰 志强 海燕 " +
  "国强 小红 淑珍 桂兰 丹 萍 鹏 华 红 玉梅 斌 欣怡 子轩 浩然 梓涵 一诺 宇航 佳怡 俊杰 雨桐 文博 婷 雪 慧 琳 " +
  "波 辉 宁 晨 阳 龙"
).split(" ");

interface Args {
  rows: number;
  explain: boolean;
  /** Keep the filled database on disk and reuse it on the next run (for tuning indexes). */
  dataDir: string | undefined;
}

function readArgs(argv: string[]): Args {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const rows = Number(value("--rows") ?? 1_000_000);
  if (!Number.isInteger(rows) || rows < 1000) throw new Error("--rows must be an integer of at least 1000");
  return { rows, explain: argv.includes("--explain"), dataDir: value("--data-dir") };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const handle = await openDb({ dataDir: args.dataDir ?? "memory://" });
  await migrateToLatest(handle.db);
  const fillStarted = performance.now();
  const area = (await findArea(handle.db, args.rows)) ?? (await fill(handle.db, args.rows));
  const fillMs = performance.now() - fillStarted;
  log(`${args.rows} residents ready in ${(fillMs / 1000).toFixed(1)} s`);

  const user = (role: SessionUser["role"], scope: RegionRef | null): SessionUser => ({
    id: newId(),
    username: `bench-${role}`,
    displayName: "Bench",
    role,
    scope: scope ? { regionId: scope.id, level: scope.level, path: scope.path } : null,
  });
  const admin = user("admin", null);
  const secretary = user("community_secretary", area.community);
  const gridWorker = user("grid_worker", area.grid);

  const time = async (label: string, run: (db: Kysely<Database>) => Promise<unknown>) => {
    await run(handle.db); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run(handle.db);
      runs.push(performance.now() - started);
    }
    const ms = median(runs);
    log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms`);
    if (args.explain) await explain(handle.db, label, run);
    return ms;
  };
  const list = (who: SessionUser, query: FindResidentsQuery) => (db: Kysely<Database>) =>
    findResidents(db, who, query);

  const nameQ = `${SURNAMES[0]}${GIVEN[17]?.[0]}`; // 王秀: a surname and the first given character
  const surnameQ = SURNAMES[1] ?? "李";
  const result: Record<string, Record<string, number>> = {};
  for (const [who, u] of [
    ["admin", admin],
    ["community", secretary],
  ] as const) {
    result[who] = {
      first_page_ms: await time(`${who}: first page`, list(u, {})),
      name_search_ms: await time(`${who}: name "${nameQ}"`, list(u, { q: nameQ })),
      surname_search_ms: await time(`${who}: surname "${surnameQ}"`, list(u, { q: surnameQ })),
      flag_filter_ms: await time(`${who}: flag bedridden`, list(u, { flags: ["bedridden"] })),
      phone_search_ms: await time(`${who}: phone prefix`, list(u, { q: "13052" })),
    };
  }
  const gridListMs = await time("grid worker: first page", list(gridWorker, {}));
  const tree = {
    subdistrict_children_ms: await time("tree: subdistrict children", (db) =>
      listChildRegions(db, admin, area.subdistrict.id),
    ),
    community_children_ms: await time("tree: community children", (db) =>
      listChildRegions(db, admin, area.community.id),
    ),
    grid_children_ms: await time("tree: grid children", (db) => listChildRegions(db, admin, area.grid.id)),
    subdistrict_detail_ms: await time("tree: subdistrict page", (db) =>
      getRegion(db, admin, area.subdistrict.id),
    ),
    community_detail_ms: await time("tree: community page", (db) => getRegion(db, admin, area.community.id)),
  };

  const worst = (key: string) => round(Math.max(...Object.values(result).map((r) => r[key] ?? NaN)));
  const summary = {
    bench: "residents-list",
    db: "pglite",
    rows: args.rows,
    first_page_ms: worst("first_page_ms"),
    name_search_ms: worst("name_search_ms"),
    flag_filter_ms: worst("flag_filter_ms"),
    grid_list_ms: round(gridListMs),
    surname_search_ms: worst("surname_search_ms"),
    phone_search_ms: worst("phone_search_ms"),
    limit_ms: LIMIT_MS,
    by_user: Object.fromEntries(
      Object.entries(result).map(([k, v]) => [
        k,
        Object.fromEntries(Object.entries(v).map(([m, x]) => [m, round(x)])),
      ]),
    ),
    tree: Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, round(v)])),
    fill_s: round(fillMs / 1000),
  };
  await handle.close();
  const targets = checkTargets(
    (["first_page_ms", "name_search_ms", "flag_filter_ms", "grid_list_ms"] as const).map(
      (name): IssueTarget => [name, summary[name], "max", LIMIT_MS],
    ),
  );
  console.log(JSON.stringify({ ...summary, ...targets }));
  if (!targets.within_targets) process.exitCode = 1;
}

/** Prints the plan of every query a call makes, captured on the way to the database. */
async function explain(
  db: Kysely<Database>,
  label: string,
  run: (db: Kysely<Database>) => Promise<unknown>,
): Promise<void> {
  const captured: RootOperationNode[] = [];
  await run(
    db.withPlugin({
      transformQuery: (a) => {
        captured.push(a.node);
        return a.node;
      },
      transformResult: async (a) => a.result,
    }),
  );
  for (const node of captured) {
    const compiled = db.getExecutor().compileQuery(node, { queryId: "explain" } as never);
    const plan = await db.executeQuery<{ "QUERY PLAN": string }>({
      ...compiled,
      sql: `explain (analyze, costs off) ${compiled.sql}`,
    });
    log(`--- ${label}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
}

/** With --data-dir, the area filled by an earlier run of the same size. */
async function findArea(db: Kysely<Database>, rows: number): Promise<Area | undefined> {
  const count = await db
    .selectFrom("residents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(count.n) === 0) return undefined;
  if (Number(count.n) !== rows) throw new Error(`The data dir holds ${count.n} residents, not ${rows}`);
  const last = (level: string) =>
    db
      .selectFrom("regions")
      .select(["id", "level", "path"])
      .where("level", "=", level)
      .orderBy("sort_key", "desc")
      .executeTakeFirstOrThrow();
  const subdistrict = await last("subdistrict");
  const community = await last("community");
  const grid = await db
    .selectFrom("regions")
    .select(["id", "level", "path"])
    .where("parent_id", "=", community.id)
    .orderBy("sort_key", "desc")
    .executeTakeFirstOrThrow();
  return { subdistrict, community, grid };
}

interface Area {
  subdistrict: RegionRef;
  community: RegionRef;
  grid: RegionRef;
}

/**
 * One subdistrict of 10 communities × 10 grids × 10 buildings × 4 units, with enough doors per
 * unit for about 3 people a household; regions are written from JS (their sort keys come from
 * core), households and residents with INSERT … SELECT so a million rows take seconds, not hours.
 */
async function fill(db: Kysely<Database>, rows: number): Promise<Area> {
  type Row = {
    id: string;
    parent_id: string | null;
    level: string;
    name: string;
    sort_key: string;
    path: string;
  };
  const regions: Row[] = [];
  const units: { id: string; buildingId: string; gridId: string; communityId: string; prefix: string }[] = [];
  const add = (parent: Row | null, level: string, name: string): Row => {
    const id = newId();
    const row = {
      id,
      parent_id: parent?.id ?? null,
      level,
      name,
      sort_key: doorSortKey(name),
      path: `${parent?.path ?? "/"}${id}/`,
    };
    regions.push(row);
    return row;
  };
  const province = add(null, "province", "甘肃省");
  const city = add(province, "city", "兰州市");
  const district = add(city, "district", "城关区");
  const subdistrict = add(district, "subdistrict", "酒泉路街道");
  // The scoped users get the last community and its last grid: last in walking order, so a plan
  // that walks the whole address index and filters would show here.
  let lastCommunity: Row | undefined;
  let lastGrid: Row | undefined;
  for (let c = 1; c <= COMMUNITIES; c++) {
    const community = add(subdistrict, "community", `第${c}社区`);
    lastCommunity = community;
    for (let g = 1; g <= GRIDS; g++) {
      const grid = add(community, "grid", `第${g}网格`);
      lastGrid = grid;
      for (let b = 1; b <= BUILDINGS; b++) {
        const building = add(grid, "building", `${b}号楼`);
        for (let u = 1; u <= UNITS; u++) {
          const unit = add(building, "unit", `${u}单元`);
          units.push({
            id: unit.id,
            buildingId: building.id,
            gridId: grid.id,
            communityId: community.id,
            prefix: joinAddressKey([community.sort_key, grid.sort_key, building.sort_key, unit.sort_key, ""]),
          });
        }
      }
    }
  }
  for (let i = 0; i < regions.length; i += 500)
    await db
      .insertInto("regions")
      .values(regions.slice(i, i + 500))
      .execute();

  const doorsPerUnit = Math.ceil(rows / units.length / PEOPLE_PER_HOUSEHOLD);
  const doors = Array.from({ length: doorsPerUnit }, (_, k) => `${Math.floor(k / 2) + 1}0${(k % 2) + 1}`);
  await sql`create temp table bench_units (ord int, id uuid, building_id uuid, grid_id uuid, community_id uuid, prefix text)`.execute(
    db,
  );
  for (let i = 0; i < units.length; i += 500) {
    const batch = units
      .slice(i, i + 500)
      .map(
        (u, k) =>
          sql`(${i + k}, ${u.id}::uuid, ${u.buildingId}::uuid, ${u.gridId}::uuid, ${u.communityId}::uuid, ${u.prefix})`,
      );
    await sql`insert into bench_units values ${sql.join(batch)}`.execute(db);
  }
  await sql`create temp table bench_doors (ord int, door text, sort_key text)`.execute(db);
  await sql`insert into bench_doors values ${sql.join(doors.map((d, k) => sql`(${k}, ${d}, ${doorSortKey(d)})`))}`.execute(
    db,
  );
  await sql`
    create temp table bench_households as
    select (row_number() over (order by u.ord, d.ord) - 1)::int as rn, gen_random_uuid() as id, u.id as unit_id,
      u.building_id, u.grid_id, u.community_id, d.door, d.sort_key, u.prefix || d.sort_key as address_key
    from bench_units u cross join bench_doors d`.execute(db);
  await sql`
    insert into households (id, unit_id, building_id, grid_id, community_id, door, sort_key)
    select id, unit_id, building_id, grid_id, community_id, door, sort_key from bench_households`.execute(db);
  const households = units.length * doorsPerUnit;

  const surnames = sql.lit(`{${[...SURNAMES].join(",")}}`);
  const given = sql.lit(`{${GIVEN.join(",")}}`);
  const step = 100_000;
  for (let from = 0; from < rows; from += step) {
    const to = Math.min(rows, from + step) - 1;
    await sql`
      insert into residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key, name,
        id_type, id_number, birth_date, sex, phone, flags, status, updated_at)
      select gen_random_uuid(), h.id, h.unit_id, h.building_id, h.grid_id, h.community_id, h.address_key,
        (${surnames}::text[])[1 + abs(hashint4(i)) % ${SURNAMES.length}::int]
          || (${given}::text[])[1 + abs(hashint4(i + 7777777)) % ${GIVEN.length}::int],
        'cn_id',
        '620102' || to_char(date '1930-01-01' + (i % 32000), 'YYYYMMDD') || lpad(((i / 32000) % 1000)::text, 3, '0') || (i % 10)::text,
        date '1930-01-01' + (i % 32000),
        case when i % 2 = 0 then 'F' else 'M' end,
        case when abs(hashint4(i + 31)) % 20 = 0 then null else '13' || lpad(((i::bigint * 7919) % 1000000000)::text, 9, '0') end,
        case abs(hashint4(i + 13)) % 100
          when 0 then '{bedridden}'::text[] when 1 then '{bedridden,elderly_alone}'::text[]
          when 2 then '{cannot_walk}'::text[] when 3 then '{elderly_alone}'::text[] when 4 then '{disabled}'::text[]
          else '{}'::text[] end,
        case when abs(hashint4(i + 99)) % 100 = 0 then 'moved_out' else 'active' end,
        now()
      from generate_series(${from}::int, ${to}::int) as i
      join bench_households h on h.rn = i % ${households}::int`.execute(db);
    log(`  ${to + 1} residents`);
  }
  await sql`analyze`.execute(db);
  if (!lastCommunity || !lastGrid) throw new Error("no regions built");
  return { subdistrict, community: lastCommunity, grid: lastGrid };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

await main();
