import type { WorkerListPage } from "@shequ/core/worker-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
let a: RegionChain;
let secretary: string;

beforeAll(async () => {
  t = await createTestContext();
  a = await buildRegionChain(t.db, { names: { subdistrict: "酒泉路街道", community: "杨家园社区" } });
  secretary = (await t.signIn("community_secretary", a.community.id)).cookie;
});
afterAll(() => t.close());

const signUp = (json: Record<string, unknown>, communityId = a.community.id) =>
  t.call("POST", `/api/public/volunteers/${communityId}`, { json });

const rowsOfPhone = (phone: string) =>
  t.db.selectFrom("workers").selectAll().where("phone", "=", phone).execute();

describe("public volunteer sign-up", () => {
  it("names the community for the page, and nothing for a region that is not a community", async () => {
    const res = await t.call("GET", `/api/public/volunteers/communities/${a.community.id}`);
    expect(await res.json()).toEqual({ name: "杨家园社区", subdistrict: "酒泉路街道" });
    expect((await t.call("GET", `/api/public/volunteers/communities/${a.grid.id}`)).status).toBe(404);
    expect((await t.call("GET", "/api/public/volunteers/communities/nope")).status).toBe(404);
  });

  it("lands a sign-up as a pending volunteer the secretary sees, without a badge", async () => {
    const res = await signUp({
      name: "王小红",
      phone: "139 3100 0001",
      skills: ["counselling"],
      availability: [{ start: "2026-11-29T00:00:00+08:00", end: "2026-11-29T12:00:00+08:00" }],
      hideName: true,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ status: "pending" });
    const [row] = await rowsOfPhone("13931000001");
    expect(row).toMatchObject({
      name: "王小红",
      source: "volunteer",
      status: "pending",
      hide_name: true,
      qualifications: ["counselling"],
      badge_no: null,
    });
    const page = (await (
      await t.call("GET", "/api/workers?status=pending", { cookie: secretary })
    ).json()) as WorkerListPage;
    expect(page.items.map((w) => w.id)).toContain(row?.id);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", row?.id ?? "")
      .execute();
    expect(audit).toMatchObject([{ action: "worker.signup", user_id: null }]);
    expect(JSON.stringify(audit)).not.toContain("13931000001");
  });

  it("merges a second sign-up with the same phone into the first, answering the same", async () => {
    await signUp({ name: "刘强", phone: "13931000002", skills: ["driver"] });
    const again = await signUp({ name: "刘强强", phone: "+86 13931000002", skills: ["veteran"] });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ status: "pending" });
    const rows = await rowsOfPhone("13931000002");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "刘强强", qualifications: ["veteran"], status: "pending" });
  });

  it("never lets the public form rename an approved person or give them qualifications", async () => {
    await signUp({ name: "陈医生", phone: "13931000003" });
    const [row] = await rowsOfPhone("13931000003");
    await t.call("POST", `/api/workers/${row?.id}/approve`, { cookie: secretary });
    const res = await signUp({
      name: "冒名者",
      phone: "13931000003",
      skills: ["may_swab"],
      availability: [{ start: "2026-11-30T00:00:00+08:00", end: "2026-11-30T04:00:00+08:00" }],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ status: "pending" });
    const rows = await rowsOfPhone("13931000003");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "陈医生", status: "approved", qualifications: [] });
    expect(rows[0]?.availability).toHaveLength(1);
  });

  it("refuses a malformed phone or an empty name with the field, and keeps nothing", async () => {
    const bad = await signUp({ name: "赵六", phone: "1234567" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details.issues).toEqual([
      expect.objectContaining({ field: "phone", reason: "length" }),
    ]);
    const wrongPrefix = await signUp({ name: "赵六", phone: "12345678901" });
    expect((await wrongPrefix.json()).error.details.issues[0]).toMatchObject({
      field: "phone",
      reason: "format",
    });
    const noName = await signUp({ name: "  ", phone: "13931000004" });
    expect(noName.status).toBe(422);
    expect((await noName.json()).error.details.issues[0].field).toBe("name");
    expect(await rowsOfPhone("13931000004")).toHaveLength(0);
    expect((await signUp({ name: "赵六", phone: "13931000005" }, a.grid.id)).status).toBe(404);
  });

  it("slows down a client that sends too many sign-ups", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await signUp({ name: "机器人", phone: `1393200${String(1000 + i)}` })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(30);
  });
});
