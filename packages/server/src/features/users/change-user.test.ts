import { describe, expect, it } from "vitest";
import { type UserBody, useUsersTestKit } from "./users-test-kit";

const { kit, account, signInAs, expectFieldIssue } = useUsersTestKit();

describe("changing accounts", () => {
  it("deactivating an account signs it out at once and keeps it out", async () => {
    const created = (await (
      await kit.t.call("POST", "/api/users", {
        cookie: kit.admin.cookie,
        json: account({ username: "leaving.soon" }),
      })
    ).json()) as UserBody;
    const cookie = await signInAs("leaving.soon", "long enough pw");
    expect((await kit.t.call("GET", "/api/auth/me", { cookie })).status).toBe(200);

    const res = await kit.t.call("PATCH", `/api/users/${created.id}`, {
      cookie: kit.admin.cookie,
      json: { active: false },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as UserBody).active).toBe(false);
    expect((await kit.t.call("GET", "/api/auth/me", { cookie })).status).toBe(401);
    const again = await kit.t.call("POST", "/api/auth/login", {
      json: { username: "leaving.soon", password: "long enough pw" },
    });
    expect(again.status).toBe(401);
  });

  it("changing role or scope ends sessions; renaming does not", async () => {
    const created = (await (
      await kit.t.call("POST", "/api/users", {
        cookie: kit.admin.cookie,
        json: account({ username: "moving.on" }),
      })
    ).json()) as UserBody;
    const cookie = await signInAs("moving.on", "long enough pw");
    const rename = await kit.t.call("PATCH", `/api/users/${created.id}`, {
      cookie: kit.admin.cookie,
      json: { displayName: "王芳" },
    });
    expect(rename.status).toBe(200);
    expect((await kit.t.call("GET", "/api/auth/me", { cookie })).status).toBe(200);

    const promote = await kit.t.call("PATCH", `/api/users/${created.id}`, {
      cookie: kit.admin.cookie,
      json: { role: "community_secretary", scopeRegionId: kit.chain.community.id },
    });
    expect(promote.status).toBe(200);
    expect(await promote.json()).toMatchObject({
      role: "community_secretary",
      scope: { id: kit.chain.community.id },
    });
    expect((await kit.t.call("GET", "/api/auth/me", { cookie })).status).toBe(401);
  });

  it("checks the role against the kept scope when only the role changes", async () => {
    const created = (await (
      await kit.t.call("POST", "/api/users", {
        cookie: kit.admin.cookie,
        json: account({ role: "medic", scopeRegionId: kit.chain.subdistrict.id }),
      })
    ).json()) as UserBody;
    const res = await kit.t.call("PATCH", `/api/users/${created.id}`, {
      cookie: kit.admin.cookie,
      json: { role: "grid_worker" },
    });
    await expectFieldIssue(res, "role", "level");
  });

  it("an admin cannot deactivate, demote or re-scope themselves", async () => {
    const self = await kit.t.call("PATCH", `/api/users/${kit.admin.userId}`, {
      cookie: kit.admin.cookie,
      json: { active: false },
    });
    await expectFieldIssue(self, "active", "self");
    const demote = await kit.t.call("PATCH", `/api/users/${kit.admin.userId}`, {
      cookie: kit.admin.cookie,
      json: { role: "subdistrict_officer", scopeRegionId: kit.chain.subdistrict.id },
    });
    await expectFieldIssue(demote, "role", "self");
    expect((await kit.t.call("GET", "/api/auth/me", { cookie: kit.admin.cookie })).status).toBe(200);
  });

  it("a password reset signs the account out; the new password works and the audit holds no password", async () => {
    const created = (await (
      await kit.t.call("POST", "/api/users", {
        cookie: kit.admin.cookie,
        json: account({ username: "forgetful" }),
      })
    ).json()) as UserBody;
    const cookie = await signInAs("forgetful", "long enough pw");
    await expectFieldIssue(
      await kit.t.call("POST", `/api/users/${created.id}/password`, {
        cookie: kit.admin.cookie,
        json: { password: "x" },
      }),
      "password",
      "weak",
    );
    const reset = await kit.t.call("POST", `/api/users/${created.id}/password`, {
      cookie: kit.admin.cookie,
      json: { password: "brand new secret" },
    });
    expect(reset.status).toBe(200);
    expect((await kit.t.call("GET", "/api/auth/me", { cookie })).status).toBe(401);
    await signInAs("forgetful", "brand new secret");

    const audit = await kit.t.db
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
