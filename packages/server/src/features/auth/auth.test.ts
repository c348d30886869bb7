import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { buildUser } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { hashPassword } from "./password";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("sign-in", () => {
  it("opens a session with an HttpOnly SameSite cookie that /api/auth/me accepts", async () => {
    await buildUser(t.db, {
      role: "grid_worker",
      scopeRegionId: null,
      username: "li.wei",
      passwordHash: await hashPassword("correct horse"),
    });
    const res = await t.call("POST", "/api/auth/login", {
      json: { username: "Li.Wei", password: "correct horse" },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(";")[0] ?? "";
    const me = await t.call("GET", "/api/auth/me", { cookie });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { username: string; permissions: string[] };
    expect(body.username).toBe("li.wei");
    expect(body.permissions).toContain("resident.read");
  });

  it("refuses a wrong password with 401 and the one error shape", async () => {
    await buildUser(t.db, {
      role: "medic",
      scopeRegionId: null,
      username: "wang.fang",
      passwordHash: await hashPassword("s3cret-pass"),
    });
    const res = await t.call("POST", "/api/auth/login", {
      json: { username: "wang.fang", password: "nope-nope" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("locks a username with 429 and Retry-After after 5 failures, even with the right password", async () => {
    await buildUser(t.db, {
      role: "medic",
      scopeRegionId: null,
      username: "zhao.lei",
      passwordHash: await hashPassword("right-password"),
    });
    for (let i = 0; i < 5; i++) {
      const r = await t.call("POST", "/api/auth/login", {
        json: { username: "zhao.lei", password: `wrong-${i}` },
      });
      expect(r.status).toBe(401);
    }
    const locked = await t.call("POST", "/api/auth/login", {
      json: { username: "zhao.lei", password: "right-password" },
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("900");
  });

  it("answers 401 without a session and 422 with field reasons for a malformed body", async () => {
    expect((await t.call("GET", "/api/auth/me")).status).toBe(401);
    const bad = await t.call("POST", "/api/auth/login", { json: { username: "" } });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; details: { issues: { field: string }[] } } };
    expect(body.error.code).toBe("validation");
    expect(body.error.details.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(["username", "password"]),
    );
  });

  it("refuses a cross-site write by Origin", async () => {
    const res = await t.call("POST", "/api/auth/login", {
      json: { username: "x", password: "y" },
      headers: { origin: "https://evil.example", host: "localhost:3000" },
    });
    expect(res.status).toBe(403);
  });

  it("clears the user's expired sessions and day-old failed attempts at their next sign-in", async () => {
    const user = await buildUser(t.db, {
      role: "medic",
      scopeRegionId: null,
      username: "sun.li",
      passwordHash: await hashPassword("sun li password"),
    });
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await t.db
      .insertInto("sessions")
      .values({ id: "expired-token-hash", user_id: user.id, expires_at: old })
      .execute();
    await t.db
      .insertInto("login_attempts")
      .values({ id: newId(), username: "sun.li", ip: "10.0.0.9", ok: false, at: old })
      .execute();
    const res = await t.call("POST", "/api/auth/login", {
      json: { username: "sun.li", password: "sun li password" },
    });
    expect(res.status).toBe(200);
    const sessions = await t.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(sessions.map((s) => s.id)).not.toContain("expired-token-hash");
    expect(sessions).toHaveLength(1);
    const attempts = await t.db
      .selectFrom("login_attempts")
      .select("at")
      .where("username", "=", "sun.li")
      .execute();
    expect(attempts.every((a) => new Date(a.at).getTime() > Date.now() - 3600_000)).toBe(true);
  });

  it("reports health with the database kind", async () => {
    const res = await t.call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});
