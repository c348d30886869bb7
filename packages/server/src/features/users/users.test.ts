import { describe, expect, it } from "vitest";
import { buildRegionChain } from "../../test/factories";
import { type UserBody, useUsersTestKit } from "./users-test-kit";

const { kit, account, signInAs, expectFieldIssue } = useUsersTestKit();

describe("creating accounts", () => {
  it("creates a grid worker who can then sign in; the username is stored lowercase", async () => {
    const res = await kit.t.call("POST", "/api/users", {
      cookie: kit.admin.cookie,
      json: account({ username: "Zhang.Min" }),
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as UserBody;
    expect(user).toMatchObject({ username: "zhang.min", role: "grid_worker", active: true });
    expect(user.scope).toEqual({
      id: kit.chain.grid.id,
      level: "grid",
      name: kit.chain.grid.name,
      path: `${kit.chain.subdistrict.name} / ${kit.chain.community.name} / ${kit.chain.grid.name}`,
    });
    const cookie = await signInAs("zhang.min", "long enough pw");
    const me = (await (await kit.t.call("GET", "/api/auth/me", { cookie })).json()) as { role: string };
    expect(me.role).toBe("grid_worker");
  });

  it("names the field for each broken rule", async () => {
    const post = (over: Record<string, unknown>) =>
      kit.t.call("POST", "/api/users", { cookie: kit.admin.cookie, json: account(over) });
    await expectFieldIssue(await post({ scopeRegionId: null }), "scopeRegionId", "required");
    await expectFieldIssue(await post({ scopeRegionId: kit.chain.community.id }), "scopeRegionId", "level");
    await expectFieldIssue(
      await post({ role: "community_secretary", scopeRegionId: kit.chain.subdistrict.id }),
      "scopeRegionId",
      "level",
    );
    await expectFieldIssue(
      await post({ role: "subdistrict_officer", scopeRegionId: kit.chain.community.id }),
      "scopeRegionId",
      "level",
    );
    await expectFieldIssue(
      await post({ scopeRegionId: "0190c0de-0000-7000-8000-000000000000" }),
      "scopeRegionId",
      "not_found",
    );
    await expectFieldIssue(await post({ password: "short" }), "password", "weak");
    await expectFieldIssue(await post({ username: "ab" }), "username", "invalid_format");
    await expectFieldIssue(await post({ username: "li wei!" }), "username", "invalid_format");
    await expectFieldIssue(await post({ role: "mayor" }), "role", "invalid_value");
  });

  it("accepts the roles at the levels they fit, and an admin without a scope", async () => {
    for (const [role, scopeRegionId] of [
      ["community_secretary", kit.chain.community.id],
      ["community_secretary", kit.chain.grid.id],
      ["subdistrict_officer", kit.chain.subdistrict.id],
      ["subdistrict_officer", kit.chain.district.id],
      ["lab", kit.chain.district.id],
      ["admin", null],
    ] as const) {
      const res = await kit.t.call("POST", "/api/users", {
        cookie: kit.admin.cookie,
        json: account({ role, scopeRegionId }),
      });
      expect(res.status, `${role} at ${scopeRegionId}`).toBe(201);
    }
  });

  it("refuses a taken username with 409", async () => {
    const first = await kit.t.call("POST", "/api/users", {
      cookie: kit.admin.cookie,
      json: account({ username: "dup.user" }),
    });
    expect(first.status).toBe(201);
    const again = await kit.t.call("POST", "/api/users", {
      cookie: kit.admin.cookie,
      json: account({ username: "DUP.user" }),
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict" } });
  });
});

describe("an admin with a scope", () => {
  it("creates and lists accounts only inside that scope", async () => {
    const other = await buildRegionChain(kit.t.db, {
      under: { province: kit.chain.province, city: kit.chain.city, district: kit.chain.district },
    });
    const local = await kit.t.signIn("admin", kit.chain.subdistrict.id);
    const outside = await kit.t.call("POST", "/api/users", {
      cookie: local.cookie,
      json: account({ username: "outside.one", scopeRegionId: other.grid.id }),
    });
    await expectFieldIssue(outside, "scopeRegionId", "outside_scope");
    const unscoped = await kit.t.call("POST", "/api/users", {
      cookie: local.cookie,
      json: account({ username: "global.admin", role: "admin", scopeRegionId: null }),
    });
    await expectFieldIssue(unscoped, "scopeRegionId", "outside_scope");
    const inside = await kit.t.call("POST", "/api/users", {
      cookie: local.cookie,
      json: account({ username: "inside.one", scopeRegionId: kit.chain.grid.id }),
    });
    expect(inside.status).toBe(201);

    const globalList = await kit.t.call("POST", "/api/users", {
      cookie: kit.admin.cookie,
      json: account({ username: "far.away", scopeRegionId: other.grid.id }),
    });
    expect(globalList.status).toBe(201);
    const farId = ((await globalList.json()) as UserBody).id;

    const list = (await (
      await kit.t.call("GET", "/api/users?pageSize=200", { cookie: local.cookie })
    ).json()) as {
      items: UserBody[];
    };
    const names = list.items.map((u) => u.username);
    expect(names).toContain("inside.one");
    expect(names).not.toContain("far.away");
    expect(list.items.every((u) => u.scope !== null)).toBe(true);
    // Accounts outside the scope cannot be changed either: they answer as if missing.
    const patch = await kit.t.call("PATCH", `/api/users/${farId}`, {
      cookie: local.cookie,
      json: { active: false },
    });
    expect(patch.status).toBe(404);
  });
});

describe("listing", () => {
  it("filters by search text and role, and pages", async () => {
    for (const i of [1, 2, 3]) {
      const res = await kit.t.call("POST", "/api/users", {
        cookie: kit.admin.cookie,
        json: account({
          username: `paging.${i}`,
          displayName: `分页 ${i}`,
          role: "registrar",
          scopeRegionId: kit.chain.community.id,
        }),
      });
      expect(res.status).toBe(201);
    }
    const page1 = (await (
      await kit.t.call("GET", "/api/users?q=paging&role=registrar&pageSize=2", { cookie: kit.admin.cookie })
    ).json()) as {
      items: UserBody[];
      total: number;
    };
    expect(page1.total).toBe(3);
    expect(page1.items.map((u) => u.username)).toEqual(["paging.1", "paging.2"]);
    const page2 = (await (
      await kit.t.call("GET", "/api/users?q=分页&page=2&pageSize=2", { cookie: kit.admin.cookie })
    ).json()) as {
      items: UserBody[];
    };
    expect(page2.items.map((u) => u.username)).toEqual(["paging.3"]);
  });
});

describe("permissions", () => {
  it("every users route answers 403 to anyone but an admin, even for bad input", async () => {
    const target = await kit.t.signIn("grid_worker", kit.chain.grid.id);
    for (const role of ["subdistrict_officer", "community_secretary", "grid_worker", "volunteer"] as const) {
      const { cookie } = await kit.t.signIn(
        role,
        role === "grid_worker" ? kit.chain.grid.id : kit.chain.subdistrict.id,
      );
      const calls: [string, string, unknown][] = [
        ["GET", "/api/users", undefined],
        ["POST", "/api/users", account()],
        ["POST", "/api/users", {}],
        ["PATCH", `/api/users/${target.userId}`, { active: false }],
        ["PATCH", "/api/users/not-a-uuid", { active: false }],
        ["POST", `/api/users/${target.userId}/password`, { password: "long enough pw" }],
      ];
      for (const [method, path, json] of calls) {
        const res = await kit.t.call(method, path, { cookie, json });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    expect((await kit.t.call("GET", "/api/auth/me", { cookie: target.cookie })).status).toBe(200);
  });
});
