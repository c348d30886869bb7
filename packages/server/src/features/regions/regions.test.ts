import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour, buildRegionChain, buildResident, nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

interface Item {
  id: string;
  name: string;
  level: string;
  residentCount: number;
  door: string;
}
const items = async (res: Response) => {
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
};

describe("browsing the region tree", () => {
  it("lists children in natural name order with active resident counts", async () => {
    const a = await buildRegionChain(t.db, { names: { building: "10号楼" } });
    const b2 = await buildNeighbour(t.db, a, "grid", { building: "2号楼" });
    const b1 = await buildNeighbour(t.db, a, "grid", { building: "1号楼" });
    await buildResident(t.db, a, { idNumber: nextIdNumber() });
    await buildResident(t.db, b2, { idNumber: nextIdNumber() });
    const gone = await buildResident(t.db, b2, { idNumber: nextIdNumber() });
    await t.db.updateTable("residents").set({ status: "moved_out" }).where("id", "=", gone.id).execute();
    const { cookie } = await t.signIn("community_secretary", a.community.id);

    const children = await items(await t.call("GET", `/api/regions/${a.grid.id}/children`, { cookie }));
    expect(children.map((c) => [c.name, c.residentCount])).toEqual([
      ["1号楼", 0],
      ["2号楼", 1],
      ["10号楼", 1],
    ]);
    expect(children[0]?.id).toBe(b1.building.id);
  });

  it("sums resident counts for regions above community level from their communities", async () => {
    const a = await buildRegionChain(t.db);
    const other = await buildNeighbour(t.db, a, "district");
    await buildResident(t.db, a, { idNumber: nextIdNumber() });
    await buildResident(t.db, other, { idNumber: nextIdNumber() });
    await buildResident(t.db, other, { idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("admin", null);

    const subdistricts = await items(
      await t.call("GET", `/api/regions/${a.district.id}/children`, { cookie }),
    );
    expect(subdistricts.map((s) => [s.id, s.residentCount]).sort()).toEqual(
      [
        [a.subdistrict.id, 1],
        [other.subdistrict.id, 2],
      ].sort(),
    );
    const roots = await items(await t.call("GET", "/api/regions/roots", { cookie }));
    expect(roots.find((r) => r.id === a.province.id)?.residentCount).toBe(3);
  });

  it("shows a region with its breadcrumb and counts of children, households and residents", async () => {
    const a = await buildRegionChain(t.db);
    await buildNeighbour(t.db, a, "community");
    await buildResident(t.db, a, { door: "101", idNumber: nextIdNumber() });
    await buildResident(t.db, a, { door: "101", idNumber: nextIdNumber() });
    await buildResident(t.db, a, { door: "102", idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("subdistrict_officer", a.subdistrict.id);

    const res = await t.call("GET", `/api/regions/${a.community.id}`, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: a.community.id,
      level: "community",
      name: a.community.name,
      parentId: a.subdistrict.id,
      breadcrumb: [
        { id: a.province.id, level: "province", name: a.province.name, inScope: false },
        { id: a.city.id, level: "city", name: a.city.name, inScope: false },
        { id: a.district.id, level: "district", name: a.district.name, inScope: false },
        { id: a.subdistrict.id, level: "subdistrict", name: a.subdistrict.name, inScope: true },
        { id: a.community.id, level: "community", name: a.community.name, inScope: true },
      ],
      counts: { children: 2, households: 2, residents: 3 },
    });
  });

  it("lists a unit's households in door order, 3-2-502 before 3-2-1001", async () => {
    const a = await buildRegionChain(t.db);
    for (const door of ["3-2-1001", "3-2-502", "3-2-502", "3-2-90"]) {
      await buildResident(t.db, a, { door, idNumber: nextIdNumber() });
    }
    const { cookie } = await t.signIn("grid_worker", a.grid.id);
    const households = await items(await t.call("GET", `/api/regions/${a.unit.id}/households`, { cookie }));
    expect(households.map((h) => [h.door, h.residentCount])).toEqual([
      ["3-2-90", 1],
      ["3-2-502", 2],
      ["3-2-1001", 1],
    ]);
    const notUnit = await t.call("GET", `/api/regions/${a.building.id}/households`, { cookie });
    expect(notUnit.status).toBe(422);
  });
});

describe("changing the region tree", () => {
  it("lets a community secretary add a grid to their community, audited, and refuses other places", async () => {
    const a = await buildRegionChain(t.db);
    const elsewhere = await buildNeighbour(t.db, a, "subdistrict");
    const { cookie, userId } = await t.signIn("community_secretary", a.community.id);

    const added = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: a.community.id, level: "grid", name: "第九网格" },
    });
    expect(added.status).toBe(201);
    const grid = (await added.json()) as { id: string; parentId: string };
    expect(grid.parentId).toBe(a.community.id);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", grid.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ user_id: userId, action: "region.create", entity_type: "region" });

    const again = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: a.community.id, level: "grid", name: "第九网格" },
    });
    expect(again.status).toBe(409);
    const wrongLevel = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: a.community.id, level: "unit", name: "1单元" },
    });
    expect(wrongLevel.status).toBe(422);
    expect(await wrongLevel.json()).toMatchObject({
      error: { details: { issues: [{ field: "level", reason: "level_mismatch" }] } },
    });
    const outside = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: elsewhere.community.id, level: "grid", name: "越界网格" },
    });
    expect(outside.status).toBe(404);
    const above = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: a.subdistrict.id, level: "community", name: "越级社区" },
    });
    expect(above.status).toBe(404);
    const province = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: null, level: "province", name: "新省" },
    });
    expect(province.status).toBe(403);
  });

  it("refuses region changes to a grid worker with 403", async () => {
    const a = await buildRegionChain(t.db);
    const { cookie } = await t.signIn("grid_worker", a.grid.id);
    const res = await t.call("POST", "/api/regions", {
      cookie,
      json: { parentId: a.grid.id, level: "building", name: "5号楼" },
    });
    expect(res.status).toBe(403);
    const rename = await t.call("PATCH", `/api/regions/${a.building.id}`, {
      cookie,
      json: { name: "6号楼" },
    });
    expect(rename.status).toBe(403);
  });

  it("renames a building and re-sorts its residents in the list", async () => {
    const a = await buildRegionChain(t.db, { names: { building: "1号楼" } });
    const b = await buildNeighbour(t.db, a, "grid", { building: "2号楼" });
    const first = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const second = await buildResident(t.db, b, { idNumber: nextIdNumber() });
    const { cookie } = await t.signIn("community_secretary", a.community.id);
    const order = async () =>
      (
        (await (await t.call("GET", `/api/residents?regionId=${a.grid.id}`, { cookie })).json()) as {
          items: { id: string; address: string }[];
        }
      ).items;
    expect((await order()).map((r) => r.id)).toEqual([first.id, second.id]);

    const res = await t.call("PATCH", `/api/regions/${a.building.id}`, { cookie, json: { name: "9号楼" } });
    expect(res.status).toBe(200);
    const after = await order();
    expect(after.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(after[1]?.address).toContain(" 9号楼 ");
    const clash = await t.call("PATCH", `/api/regions/${a.building.id}`, { cookie, json: { name: "2号楼" } });
    expect(clash.status).toBe(409);
  });
});
