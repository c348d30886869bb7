import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
let chain: RegionChain;
let admin: { userId: string; cookie: string };

beforeAll(async () => {
  t = await createTestContext();
  chain = await buildRegionChain(t.db);
  admin = await t.signIn("admin", null);
});
afterAll(() => t.close());

type Issues = { error: { code: string; details?: { issues: { field: string; reason: string }[] } } };
type UserBody = {
  id: string;
  username: string;
  role: string;
  active: boolean;
  scope: { id: string; level: string; name: string; path: string } | null;
};

let n = 0;
const account = (over: Record<string, unknown> = {}) => ({
  username: `worker.${++n}`,
  displayName: "李伟",
  role: "grid_worker",
  scopeRegionId: chain.grid.id,
  password: "long enough pw",
  ...over,
});

async function signInAs(username: string, password: string): Promise<string> {
  const res = await t.call("POST", "/api/auth/login", { json: { username, password } });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function expectFieldIssue(res: Response, field: string, reason: string) {
  expect(res.status).toBe(422);
  const body = (await res.json()) as Issues;
  expect(body.error.code).toBe("validation");
  expect(body.error.details?.issues).toEqual(
    expect.arrayContaining([expect.objectContaining({ field, reason })]),
  );
}

describe("changing accounts", () => {
  it("deactivating an account signs it out at once and keeps it out", async () => {
    const created = (await (
      await t.call("POST", "/api/users", {
        cookie: admin.cookie,
        json: account({ username: "leaving.soon" }),
      })
    ).json()) as UserBody;
    const cookie = await signInAs("leaving.soon", "long enough pw");
    expect((await t.call("GET", "/api/auth/me", { cookie })).status).toBe(200);

    const res = await t.call("PATCH", `/api/users/${created.id}`, {
      cookie: admin.cookie,
      json: { active: false },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as UserBody).active).toBe(false);
    expect((await t.call("GET", "/api/auth/me", { cookie })).status).toBe(401);
    const again = await t.call("POST", "/api/auth/login", {
      json: { username: "leaving.soon", password: "long enough pw" },
    });
    expect(again.status).toBe(401);
  });

  it("changing role or scope ends sessions; renaming does not", async () => {
    const created = (await (
      await t.call("POST", "/api/users", { cookie: admin.cookie, json: account({ username: "moving.on" }) })
    ).json()) as UserBody;
    const cookie = await signInAs("moving.on", "long enough pw");
    const rename = await t.call("PATCH", `/api/users/${created.id}`, {
      cookie: admin.cookie,
      json: { displayName: "王芳" },
    });
    expect(rename.status).toBe(200);
    expect((await t.call("GET", "/api/auth/me", { cookie })).status).toBe(200);

    const promote = await t.call("PATCH", `/api/users/${created.id}`, {
      cookie: admin.cookie,
      json: { role: "community_secretary", scopeRegionId: chain.community.id },
    });
    expect(promote.status).toBe(200);
    expect(await promote.json()).toMatchObject({
      role: "community_secretary",
      scope: { id: chain.community.id },
    });
    expect((await t.call("GET", "/api/auth/me", { cookie })).status).toBe(401);
  });

  it("checks the role against the kept scope when only the role changes", async () => {
    const created = (await (
      await t.call("POST", "/api/users", {
        cookie: admin.cookie,
        json: account({ role: "medic", scopeRegionId: chain.subdistrict.id }),
      })
    ).json()) as UserBody;
    const res = await t.call("PATCH", `/api/users/${created.id}`, {
      cookie: admin.cookie,
      json: { role: "grid_worker" },
    });
    await expectFieldIssue(res, "role", "level");
  });

  it("an admin cannot deactivate, demote or re-scope themselves", async () => {
    const self = await t.call("PATCH", `/api/users/${admin.userId}`, {
      cookie: admin.cookie,
      json: { active: false },
    });
    await expectFieldIssue(self, "active", "self");
    const demote = await t.call("PATCH", `/api/users/${admin.userId}`, {
      cookie: admin.cookie,
      json: { role: "subdistrict_officer", scopeRegionId: chain.subdistrict.id },
    });
    await expectFieldIssue(demote, "role", "self");
    expect((await t.call("GET", "/api/auth/me", { cookie: admin.cookie })).status).toBe(200);
  });

  it("a password reset signs the account out; the new password works and the audit holds no password", async () => {
    const created = (await (
      await t.call("POST", "/api/users", { cookie: admin.cookie, json: account({ username: "forgetful" }) })
    ).json()) as UserBody;
    const cookie = await signInAs("forgetful", "long enough pw");
    await expectFieldIssue(
      await t.call("POST", `/api/users/${created.id}/password`, {
        cookie: admin.cookie,
        json: { password: "x" },
      }),
      "password",
      "weak",
    );
    const reset = await t.call("POST", `/api/users/${created.id}/password`, {
      cookie: admin.cookie,
      json: { password: "brand new secret" },
    });
    expect(reset.status).toBe(200);
    expect((await t.call("GET", "/api/auth/me", { cookie })).status).toBe(401);
    await signInAs("forgetful", "brand new secret");

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.create", "user.password_reset"]),
    );
    expect(JSON.stringify(audit)).not.toMatch(/long enough pw|brand new secret|scrypt/);
  });
});
