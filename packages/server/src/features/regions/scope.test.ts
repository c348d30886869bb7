import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Resident } from "../../db/schema";
import {
  buildNeighbour,
  buildRegionChain,
  buildResident,
  nextIdNumber,
  type RegionChain,
} from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

// Grid A and grid B are neighbours in one community; community C is next door in the same
// subdistrict. A grid worker of A must not reach anything of B by any URL.
let t: TestContext;
let a: RegionChain;
let b: RegionChain;
let c: RegionChain;
let residentA: Resident;
let residentB: Resident;
let residentC: Resident;
let gridWorkerA: string;

interface ListBody {
  items: { id: string; name: string }[];
  total: number;
}

beforeAll(async () => {
  t = await createTestContext();
  a = await buildRegionChain(t.db);
  b = await buildNeighbour(t.db, a, "community");
  c = await buildNeighbour(t.db, a, "subdistrict");
  residentA = await buildResident(t.db, a, {
    name: "甲格居民",
    phone: "13900000001",
    idNumber: nextIdNumber(),
  });
  residentB = await buildResident(t.db, b, {
    name: "乙格居民",
    phone: "13900000002",
    idNumber: nextIdNumber(),
  });
  residentC = await buildResident(t.db, c, {
    name: "丙区居民",
    phone: "13900000003",
    idNumber: nextIdNumber(),
  });
  gridWorkerA = (await t.signIn("grid_worker", a.grid.id)).cookie;
});
afterAll(() => t.close());

const ids = async (res: Response) => ((await res.json()) as ListBody).items.map((i) => i.id);

describe("a grid worker of grid A and grid B's data", () => {
  it("gets 404, never 403, for B's resident on every resident route, and B is left unchanged", async () => {
    const cookie = gridWorkerA;
    const id = residentB.id;
    const attempts = [
      t.call("GET", `/api/residents/${id}`, { cookie }),
      t.call("POST", `/api/residents/${id}/reveal`, { cookie, json: { fields: ["idNumber", "phone"] } }),
      t.call("PATCH", `/api/residents/${id}`, { cookie, json: { version: 1, name: "改名" } }),
      t.call("POST", `/api/residents/${id}/move-out`, { cookie, json: {} }),
      t.call("POST", `/api/residents/${id}/move-in`, { cookie }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const after = await t.db
      .selectFrom("residents")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ name: "乙格居民", status: "active", version: 1 });
    const audit = await t.db.selectFrom("audit_log").select("id").where("entity_id", "=", id).execute();
    expect(audit).toHaveLength(0);
  });

  it("gets 404 for B's household, B's regions, their children and households, and the shared community", async () => {
    const cookie = gridWorkerA;
    const paths = [
      `/api/households/${residentB.household_id}`,
      `/api/regions/${b.grid.id}`,
      `/api/regions/${b.grid.id}/children`,
      `/api/regions/${b.building.id}`,
      `/api/regions/${b.unit.id}/households`,
      `/api/regions/${a.community.id}`,
      `/api/regions/${a.community.id}/children`,
      `/api/regions/${c.community.id}`,
    ];
    for (const path of paths) {
      const res = await t.call("GET", path, { cookie });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it("cannot register a resident into B's unit nor move A's resident there", async () => {
    const create = await t.call("POST", "/api/residents", {
      cookie: gridWorkerA,
      json: { name: "新居民", idType: "cn_id", idNumber: nextIdNumber(), unitId: b.unit.id, door: "101" },
    });
    expect(create.status).toBe(404);
    const move = await t.call("PATCH", `/api/residents/${residentA.id}`, {
      cookie: gridWorkerA,
      json: { version: 1, unitId: b.unit.id },
    });
    expect(move.status).toBe(404);
    const still = await t.db
      .selectFrom("residents")
      .select(["unit_id", "version"])
      .where("id", "=", residentA.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ unit_id: a.unit.id, version: 1 });
  });

  it("never lists B's residents: not by default, not by B's name, phone or ID, and regionId of B is a 404", async () => {
    const cookie = gridWorkerA;
    expect(await ids(await t.call("GET", "/api/residents?status=all", { cookie }))).toEqual([residentA.id]);
    for (const q of ["乙格", "13900000002", residentB.id_number.slice(0, 14), residentB.id_number]) {
      const res = await t.call("GET", `/api/residents?q=${encodeURIComponent(q)}`, { cookie });
      expect(res.status).toBe(200);
      expect(await ids(res)).toEqual([]);
    }
    for (const regionId of [b.grid.id, b.unit.id, a.community.id]) {
      const res = await t.call("GET", `/api/residents?regionId=${regionId}`, { cookie });
      expect(res.status).toBe(404);
    }
  });

  it("sees grid A's own resident, household and regions, with ancestors only as breadcrumb names", async () => {
    const cookie = gridWorkerA;
    expect((await t.call("GET", `/api/residents/${residentA.id}`, { cookie })).status).toBe(200);
    expect((await t.call("GET", `/api/households/${residentA.household_id}`, { cookie })).status).toBe(200);
    const roots = (await (await t.call("GET", "/api/regions/roots", { cookie })).json()) as ListBody;
    expect(roots.items.map((r) => r.id)).toEqual([a.grid.id]);
    const grid = (await (await t.call("GET", `/api/regions/${a.grid.id}`, { cookie })).json()) as {
      breadcrumb: { id: string; inScope: boolean }[];
    };
    expect(grid.breadcrumb.map((x) => [x.id, x.inScope])).toEqual([
      [a.province.id, false],
      [a.city.id, false],
      [a.district.id, false],
      [a.subdistrict.id, false],
      [a.community.id, false],
      [a.grid.id, true],
    ]);
  });
});

describe("wider and narrower scopes", () => {
  it("lets a community secretary see both grids of the community but not the next community", async () => {
    const { cookie } = await t.signIn("community_secretary", a.community.id);
    const seen = await ids(await t.call("GET", "/api/residents", { cookie }));
    expect(seen.sort()).toEqual([residentA.id, residentB.id].sort());
    expect((await t.call("GET", `/api/residents/${residentC.id}`, { cookie })).status).toBe(404);
  });

  it("lets a subdistrict officer see every community below the subdistrict", async () => {
    const { cookie } = await t.signIn("subdistrict_officer", a.subdistrict.id);
    const seen = await ids(await t.call("GET", "/api/residents", { cookie }));
    expect(seen.sort()).toEqual([residentA.id, residentB.id, residentC.id].sort());
    const narrowed = await ids(await t.call("GET", `/api/residents?regionId=${c.community.id}`, { cookie }));
    expect(narrowed).toEqual([residentC.id]);
  });

  it("shows nothing to a non-administrator without a scope, and everything to an unscoped administrator", async () => {
    const nobody = (await t.signIn("registrar", null)).cookie;
    expect(await ids(await t.call("GET", "/api/residents", { cookie: nobody }))).toEqual([]);
    expect(await ids(await t.call("GET", "/api/regions/roots", { cookie: nobody }))).toEqual([]);
    expect((await t.call("GET", `/api/residents/${residentA.id}`, { cookie: nobody })).status).toBe(404);
    expect((await t.call("GET", `/api/regions/${a.province.id}`, { cookie: nobody })).status).toBe(404);

    const admin = (await t.signIn("admin", null)).cookie;
    const all = await ids(await t.call("GET", "/api/residents", { cookie: admin }));
    expect(all).toEqual(expect.arrayContaining([residentA.id, residentB.id, residentC.id]));
    expect(await ids(await t.call("GET", "/api/regions/roots", { cookie: admin }))).toContain(a.province.id);
  });

  it("answers 404 for a malformed id instead of a database error", async () => {
    const admin = (await t.signIn("admin", null)).cookie;
    for (const path of ["/api/residents/not-a-uuid", "/api/households/1", "/api/regions/x/children"]) {
      expect((await t.call("GET", path, { cookie: admin })).status).toBe(404);
    }
  });
});
