import { joinAddressKey } from "@shequ/core/address-key";
import { doorSortKey } from "@shequ/core/door";
import { maskIdNumber, maskPhone } from "@shequ/core/mask";
import type { ResidentListItem, ResidentListPage } from "@shequ/core/resident-schema";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { buildRegionChain, buildResident, nextIdNumber, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function list(cookie: string, query = ""): Promise<ResidentListPage> {
  const res = await t.call("GET", `/api/residents${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as ResidentListPage;
}
const names = (page: ResidentListPage) => page.items.map((i: ResidentListItem) => i.name);

describe("the resident list", () => {
  it("masks ID numbers and phones for every role, even an administrator", async () => {
    const a = await buildRegionChain(t.db, {
      names: { community: "杨家园社区", grid: "第一网格", building: "3号楼", unit: "2单元" },
    });
    const idNumber = nextIdNumber({ birthDate: "1979-03-14" });
    await buildResident(t.db, a, {
      name: "雷敏",
      door: "502",
      phone: "13812345678",
      idNumber,
      birthDate: "1979-03-14",
    });
    const { cookie } = await t.signIn("admin", a.community.id);

    const res = await t.call("GET", "/api/residents", { cookie });
    const text = await res.text();
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain("13812345678");
    const page = JSON.parse(text) as ResidentListPage;
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 1, totalIsLowerBound: false });
    expect(page.items[0]).toMatchObject({
      name: "雷敏",
      idType: "cn_id",
      idNumberMasked: maskIdNumber(idNumber),
      phoneMasked: maskPhone("13812345678"),
      birthDate: "1979-03-14",
      door: "502",
      address: "杨家园社区 第一网格 3号楼 2单元 502",
    });
    expect(page.items[0]?.age).toBeGreaterThanOrEqual(47);
  });

  it("searches by name prefix, phone prefix and ID-number prefix", async () => {
    const a = await buildRegionChain(t.db);
    const lei = await buildResident(t.db, a, {
      name: "雷敏",
      phone: "13712340001",
      idNumber: nextIdNumber(),
    });
    await buildResident(t.db, a, { name: "雷小军", phone: "13712340002", idNumber: nextIdNumber() });
    await buildResident(t.db, a, { name: "王芳", phone: "15900000003", idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("grid_worker", a.grid.id);

    expect(names(await list(cookie, `?q=${encodeURIComponent("雷")}`)).sort()).toEqual(
      ["雷小军", "雷敏"].sort(),
    );
    expect(names(await list(cookie, `?q=${encodeURIComponent("雷敏")}`))).toEqual(["雷敏"]);
    expect(names(await list(cookie, `?q=${encodeURIComponent("敏")}`))).toEqual([]);
    expect(names(await list(cookie, "?q=1371234")).sort()).toEqual(["雷小军", "雷敏"].sort());
    expect(names(await list(cookie, "?q=159"))).toEqual(["王芳"]);
    expect(names(await list(cookie, `?q=${lei.id_number.slice(0, 14)}`))).toEqual(["雷敏"]);
    expect(names(await list(cookie, `?q=${lei.id_number}`))).toEqual(["雷敏"]);
  });

  it("filters by flags, requiring every flag given", async () => {
    const a = await buildRegionChain(t.db);
    await buildResident(t.db, a, {
      name: "卧床老人",
      flags: ["bedridden", "elderly_alone"],
      idNumber: nextIdNumber(),
    });
    await buildResident(t.db, a, { name: "独居老人", flags: ["elderly_alone"], idNumber: nextIdNumber() });
    await buildResident(t.db, a, { name: "普通居民", idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("grid_worker", a.grid.id);

    expect(names(await list(cookie, "?flags=elderly_alone")).sort()).toEqual(["卧床老人", "独居老人"].sort());
    expect(names(await list(cookie, "?flags=elderly_alone,bedridden"))).toEqual(["卧床老人"]);
    const bad = await t.call("GET", "/api/residents?flags=flying", { cookie });
    expect(bad.status).toBe(422);
  });

  it("hides moved-out residents by default and shows them on request", async () => {
    const a = await buildRegionChain(t.db);
    const stays = await buildResident(t.db, a, { name: "留下", idNumber: nextIdNumber() });
    const leaves = await buildResident(t.db, a, { name: "迁走", idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("grid_worker", a.grid.id);
    const out = await t.call("POST", `/api/residents/${leaves.id}/move-out`, { cookie, json: {} });
    expect(out.status).toBe(200);

    expect((await list(cookie)).items.map((i) => i.id)).toEqual([stays.id]);
    expect((await list(cookie, "?status=moved_out")).items.map((i) => [i.id, i.status])).toEqual([
      [leaves.id, "moved_out"],
    ]);
    expect((await list(cookie, "?status=all")).total).toBe(2);
  });

  it("lists in walking order: 3-2-502 before 3-2-1001, units and buildings in natural order", async () => {
    const a = await buildRegionChain(t.db, { names: { building: "3号楼", unit: "2单元" } });
    const far = await buildRegionChain(t.db, {
      under: { ...a, building: undefined, unit: undefined },
      names: { building: "10号楼", unit: "1单元" },
    });
    await buildResident(t.db, far, { name: "十号楼", door: "101", idNumber: nextIdNumber() });
    await buildResident(t.db, a, { name: "一零零一", door: "3-2-1001", idNumber: nextIdNumber() });
    await buildResident(t.db, a, { name: "五零二", door: "3-2-502", idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("grid_worker", a.grid.id);
    expect(names(await list(cookie))).toEqual(["五零二", "一零零一", "十号楼"]);
  });

  it("pages on the server and caps the count at 10,000 so large areas stay fast", async () => {
    const a = await buildRegionChain(t.db);
    await fillUnit(a, 10_050);
    const { cookie } = await t.signIn("community_secretary", a.community.id);

    const first = await list(cookie, "?pageSize=200");
    expect(first).toMatchObject({ page: 1, pageSize: 200, total: 10_000, totalIsLowerBound: true });
    expect(first.items).toHaveLength(200);
    const last = await list(cookie, "?pageSize=200&page=51");
    expect(last.items).toHaveLength(50);
    expect(last.items.map((i) => i.id)).not.toContain(first.items[0]?.id);
    const narrow = await list(cookie, `?q=${encodeURIComponent("批量居民1000")}&pageSize=5`);
    expect(narrow).toMatchObject({ total: 11, totalIsLowerBound: false });
    expect((await t.call("GET", "/api/residents?pageSize=201", { cookie })).status).toBe(422);
  });
});

/** Fills one household of a unit with n residents in SQL; far faster than n factory calls. */
async function fillUnit(chain: RegionChain, n: number): Promise<void> {
  const householdId = newId();
  await t.db
    .insertInto("households")
    .values({
      id: householdId,
      unit_id: chain.unit.id,
      building_id: chain.building.id,
      grid_id: chain.grid.id,
      community_id: chain.community.id,
      door: "101",
      sort_key: doorSortKey("101"),
    })
    .execute();
  const key = joinAddressKey([
    chain.community.sort_key,
    chain.grid.sort_key,
    chain.building.sort_key,
    chain.unit.sort_key,
    doorSortKey("101"),
  ]);
  await sql`
    insert into residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key,
      name, id_type, id_number, flags)
    select gen_random_uuid(), ${householdId}, ${chain.unit.id}, ${chain.building.id}, ${chain.grid.id},
      ${chain.community.id}, ${key}, '批量居民' || i, 'passport', 'BULK' || ${householdId.slice(0, 8)} || i, '{}'
    from generate_series(1, ${n}::int) as i`.execute(t.db);
}
