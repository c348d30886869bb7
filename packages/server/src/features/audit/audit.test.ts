import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain, buildResident, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { recordAudit } from "./record-audit";

let t: TestContext;
let chain: RegionChain;
let neighbour: RegionChain;
let admin: { userId: string; cookie: string };

beforeAll(async () => {
  t = await createTestContext();
  chain = await buildRegionChain(t.db);
  neighbour = await buildRegionChain(t.db, {
    under: { province: chain.province, city: chain.city, district: chain.district },
  });
  admin = await t.signIn("admin", null);
});
afterAll(() => t.close());

interface Entry {
  id: string;
  at: string;
  user: { id: string; username: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}
type Page = { items: Entry[]; total: number };

async function getAudit(cookie: string, query = ""): Promise<Page> {
  const res = await t.call("GET", `/api/audit${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe("audit log", () => {
  it("shows an account change with who did it and when, newest first", async () => {
    const before = Date.now();
    const created = await t.call("POST", "/api/users", {
      cookie: admin.cookie,
      json: {
        username: "audited.one",
        displayName: "被审计",
        role: "registrar",
        scopeRegionId: chain.community.id,
        password: "a fine password",
      },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patched = await t.call("PATCH", `/api/users/${id}`, {
      cookie: admin.cookie,
      json: { active: false },
    });
    expect(patched.status).toBe(200);

    const page = await getAudit(admin.cookie, `?entityId=${id}`);
    expect(page.total).toBe(2);
    expect(page.items.map((e) => e.action)).toEqual(["user.update", "user.create"]);
    const [update] = page.items;
    expect(update?.user?.id).toBe(admin.userId);
    expect(update?.entityType).toBe("user");
    expect(update?.details).toMatchObject({ fields: ["active"], endedSessions: true });
    expect(Date.parse(update?.at ?? "")).toBeGreaterThanOrEqual(before - 1000);

    const byAction = await getAudit(admin.cookie, `?action=user.*&userId=${admin.userId}`);
    expect(byAction.items.every((e) => e.action.startsWith("user.") && e.user?.id === admin.userId)).toBe(
      true,
    );
    expect(byAction.items.map((e) => e.entityId)).toContain(id);
  });

  it("filters by time and pages", async () => {
    const actor = await t.signIn("grid_worker", chain.grid.id);
    for (let i = 0; i < 3; i++) {
      await recordAudit(t.db, { userId: actor.userId, action: "test.page", entityType: "test" });
    }
    const first = await getAudit(admin.cookie, "?action=test.page&pageSize=2");
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    const second = await getAudit(admin.cookie, "?action=test.page&pageSize=2&page=2");
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(3);
    const future = await getAudit(admin.cookie, "?action=test.page&from=2999-01-01");
    expect(future.total).toBe(0);
    const past = await getAudit(admin.cookie, "?action=test.page&to=2000-01-01");
    expect(past.total).toBe(0);
    const bad = await t.call("GET", "/api/audit?from=yesterday", { cookie: admin.cookie });
    expect(bad.status).toBe(422);
  });

  it("a subdistrict officer sees what was done by and to people in their scope only", async () => {
    const insider = await t.signIn("grid_worker", chain.grid.id);
    const outsider = await t.signIn("grid_worker", neighbour.grid.id);
    const resident = await buildResident(t.db, chain);
    const farResident = await buildResident(t.db, neighbour);
    await recordAudit(t.db, { userId: insider.userId, action: "test.scope", entityType: "test" });
    await recordAudit(t.db, { userId: outsider.userId, action: "test.scope", entityType: "test" });
    await recordAudit(t.db, {
      userId: admin.userId,
      action: "test.scope",
      entityType: "resident",
      entityId: resident.id,
    });
    await recordAudit(t.db, {
      userId: admin.userId,
      action: "test.scope",
      entityType: "resident",
      entityId: farResident.id,
    });

    const officer = await t.signIn("subdistrict_officer", chain.subdistrict.id);
    const seen = await getAudit(officer.cookie, "?action=test.scope");
    expect(seen.total).toBe(2);
    expect(seen.items.map((e) => e.user?.id ?? null).sort()).toEqual([admin.userId, insider.userId].sort());
    expect(seen.items.find((e) => e.entityType === "resident")?.entityId).toBe(resident.id);

    const all = await getAudit(admin.cookie, "?action=test.scope");
    expect(all.total).toBe(4);
  });

  it("answers 403 to roles without audit.read", async () => {
    for (const role of ["community_secretary", "grid_worker", "medic", "volunteer"] as const) {
      const { cookie } = await t.signIn(role, chain.community.id);
      const res = await t.call("GET", "/api/audit", { cookie });
      expect(res.status, role).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    expect((await t.call("GET", "/api/audit")).status).toBe(401);
  });
});
