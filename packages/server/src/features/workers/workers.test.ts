import { parseBadgeText } from "@shequ/core/badge";
import { maskPhone } from "@shequ/core/mask";
import type { WorkerDetail, WorkerListPage } from "@shequ/core/worker-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour, buildRegionChain, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
let a: RegionChain;
let b: RegionChain;
let secretaryA: string;
let secretaryB: string;
let officer: string;
let serial = 0;
const nextPhone = () => `139${String(10_000_000 + ++serial).slice(-8)}`;

beforeAll(async () => {
  t = await createTestContext();
  a = await buildRegionChain(t.db);
  b = await buildNeighbour(t.db, a, "subdistrict");
  secretaryA = (await t.signIn("community_secretary", a.community.id)).cookie;
  secretaryB = (await t.signIn("community_secretary", b.community.id)).cookie;
  officer = (await t.signIn("subdistrict_officer", a.subdistrict.id)).cookie;
});
afterAll(() => t.close());

async function addWorker(cookie: string, json: Record<string, unknown>): Promise<WorkerDetail> {
  const res = await t.call("POST", "/api/workers", {
    cookie,
    json: { communityId: a.community.id, name: "张卫国", phone: nextPhone(), source: "cadre", ...json },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as WorkerDetail;
}

const list = async (cookie: string, query = "") =>
  (await (await t.call("GET", `/api/workers${query}`, { cookie })).json()) as WorkerListPage;

describe("the workforce register", () => {
  it("adds a cadre approved with an armband number and a badge code, phone masked, audited without the phone", async () => {
    const phone = "+86 138-0931-2201";
    const w = await addWorker(secretaryA, {
      phone,
      sourceOrg: "城关区税务局",
      qualifications: ["party_member", "party_member", "driver"],
      availability: [{ start: "2026-11-29T00:00:00Z", end: "2026-11-29T08:00:00Z" }],
    });
    expect(w).toMatchObject({
      status: "approved",
      phoneMasked: maskPhone("13809312201"),
      source: "cadre",
      sourceOrg: "城关区税务局",
      qualifications: ["party_member", "driver"],
      communityName: a.community.name,
    });
    expect(w.badgeNo).toMatch(/^B\d{5}$/);
    expect(parseBadgeText(`SQB1.${w.badgeCode}`)).toEqual({ kind: "code", code: w.badgeCode });
    const audit = await t.db.selectFrom("audit_log").selectAll().where("entity_id", "=", w.id).execute();
    expect(audit.map((r) => r.action)).toEqual(["worker.create"]);
    expect(JSON.stringify(audit)).not.toContain("13809312201");
  });

  it("refuses a second person with the same phone in the community, naming the first", async () => {
    const phone = nextPhone();
    const first = await addWorker(secretaryA, { phone });
    const res = await t.call("POST", "/api/workers", {
      cookie: secretaryA,
      json: { communityId: a.community.id, name: "另一人", phone, source: "staff" },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.details).toMatchObject({ reason: "phone_taken", workerId: first.id });
  });

  it("refuses a malformed phone with the field named", async () => {
    const res = await t.call("POST", "/api/workers", {
      cookie: secretaryA,
      json: { communityId: a.community.id, name: "王五", phone: "1380931", source: "staff" },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details.issues).toEqual([
      expect.objectContaining({ field: "phone", reason: "length" }),
    ]);
  });

  it("shows each community only its own people, until one is lent to it", async () => {
    const medic = await addWorker(secretaryA, {
      name: "李医生",
      source: "medic",
      qualifications: ["may_swab"],
    });
    expect((await list(secretaryB)).items.map((w) => w.id)).not.toContain(medic.id);
    expect((await t.call("GET", `/api/workers/${medic.id}`, { cookie: secretaryB })).status).toBe(404);

    // B may not lend A's people, nor approve them.
    const stolen = await t.call("POST", `/api/workers/${medic.id}/loans`, {
      cookie: secretaryB,
      json: {
        toCommunityId: b.community.id,
        startsAt: "2026-01-01T00:00:00Z",
        endsAt: "2099-01-01T00:00:00Z",
      },
    });
    expect(stolen.status).toBe(404);

    const starts = new Date(Date.now() - 3_600_000).toISOString();
    const ends = new Date(Date.now() + 86_400_000).toISOString();
    const lent = await t.call("POST", `/api/workers/${medic.id}/loans`, {
      cookie: secretaryA,
      json: { toCommunityId: b.community.id, startsAt: starts, endsAt: ends },
    });
    expect(lent.status).toBe(201);
    const detail = (await lent.json()) as WorkerDetail;
    expect(detail.lentTo).toMatchObject({ toCommunityId: b.community.id, toCommunityName: b.community.name });

    const seenByB = await list(secretaryB, `?communityId=${b.community.id}`);
    expect(seenByB.items.map((w) => w.id)).toEqual([medic.id]);
    // Lent in, not theirs: B cannot stand them down.
    expect((await t.call("POST", `/api/workers/${medic.id}/deactivate`, { cookie: secretaryB })).status).toBe(
      404,
    );

    const overlapping = await t.call("POST", `/api/workers/${medic.id}/loans`, {
      cookie: secretaryA,
      json: { toCommunityId: b.community.id, startsAt: starts, endsAt: ends },
    });
    expect(overlapping.status).toBe(409);
    const backwards = await t.call("POST", `/api/workers/${medic.id}/loans`, {
      cookie: secretaryA,
      json: { toCommunityId: b.community.id, startsAt: ends, endsAt: starts },
    });
    expect(backwards.status).toBe(422);
    expect((await backwards.json()).error.details.issues[0].field).toBe("endsAt");

    const loanId = detail.loans[0]?.id;
    const ended = await t.call("DELETE", `/api/workers/${medic.id}/loans/${loanId}`, { cookie: secretaryA });
    expect(ended.status).toBe(200);
    expect((await list(secretaryB)).items.map((w) => w.id)).not.toContain(medic.id);
  });

  it("approves a pending sign-up with a badge, rejects another with the reason kept in the note", async () => {
    const p1 = await addWorker(secretaryA, { status: "pending", source: "volunteer" });
    const p2 = await addWorker(secretaryA, { status: "pending", source: "volunteer" });
    expect(p1.badgeNo).toBeNull();
    const pending = await list(officer, "?status=pending");
    expect(pending.items.map((w) => w.id)).toEqual(expect.arrayContaining([p1.id, p2.id]));
    expect(pending.counts.pending).toBeGreaterThanOrEqual(2);

    const approved = (await (
      await t.call("POST", `/api/workers/${p1.id}/approve`, { cookie: secretaryA })
    ).json()) as WorkerDetail;
    expect(approved.status).toBe("approved");
    expect(approved.badgeNo).toMatch(/^B\d{5}$/);
    // Approving again changes nothing, the badge included.
    const again = (await (
      await t.call("POST", `/api/workers/${p1.id}/approve`, { cookie: secretaryA })
    ).json()) as WorkerDetail;
    expect(again.badgeNo).toBe(approved.badgeNo);

    const rejected = await t.call("POST", `/api/workers/${p2.id}/reject`, {
      cookie: secretaryA,
      json: { reason: "未满18岁" },
    });
    expect(rejected.status).toBe(200);
    expect((await rejected.json()) as WorkerDetail).toMatchObject({ status: "rejected", badgeNo: null });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("entity_id", "=", p2.id)
      .execute();
    expect(JSON.stringify(audit)).not.toContain("未满18岁");

    // An approved person is stood down, not rejected; their badge stays theirs.
    expect((await t.call("POST", `/api/workers/${p1.id}/reject`, { cookie: secretaryA })).status).toBe(409);
    const down = (await (
      await t.call("POST", `/api/workers/${p1.id}/deactivate`, { cookie: secretaryA })
    ).json()) as WorkerDetail;
    expect(down).toMatchObject({ status: "inactive", badgeNo: approved.badgeNo });
  });

  it("gives every approval its own armband number when many approve at once", async () => {
    const pending = await Promise.all(
      Array.from({ length: 8 }, () => addWorker(secretaryA, { status: "pending", source: "volunteer" })),
    );
    const approved = await Promise.all(
      pending.map(
        async (p) =>
          (await (
            await t.call("POST", `/api/workers/${p.id}/approve`, { cookie: officer })
          ).json()) as WorkerDetail,
      ),
    );
    const numbers = approved.map((w) => w.badgeNo);
    expect(numbers.every((n) => n && /^B\d{5}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(8);
    const all = await t.db
      .selectFrom("workers")
      .select("badge_no")
      .where("badge_no", "is not", null)
      .execute();
    expect(new Set(all.map((r) => r.badge_no)).size).toBe(all.length);
  });

  it("edits details, reveals the phone with an audit, and finds people by name, phone and badge", async () => {
    const phone = nextPhone();
    const w = await addWorker(secretaryA, { name: "赵志强", phone, emergencyPhone: "0931-8123456" });
    const edited = await t.call("PATCH", `/api/workers/${w.id}`, {
      cookie: secretaryA,
      json: { qualifications: ["veteran"], hideName: true, sourceCity: "兰州" },
    });
    expect((await edited.json()) as WorkerDetail).toMatchObject({
      qualifications: ["veteran"],
      hideName: true,
      sourceCity: "兰州",
      name: "赵志强",
    });

    const revealed = await t.call("POST", `/api/workers/${w.id}/reveal`, {
      cookie: secretaryA,
      json: { fields: ["phone", "emergencyPhone"] },
    });
    expect(await revealed.json()).toEqual({ phone, emergencyPhone: "0931-8123456" });
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", w.id)
      .execute();
    expect(actions.map((r) => r.action)).toEqual(["worker.create", "worker.update", "worker.reveal"]);

    expect((await list(secretaryA, "?q=志强")).items.map((x) => x.id)).toEqual([w.id]);
    expect((await list(secretaryA, `?q=${phone}`)).items.map((x) => x.id)).toEqual([w.id]);
    expect((await list(secretaryA, `?q=${w.badgeNo?.toLowerCase()}`)).items.map((x) => x.id)).toEqual([w.id]);
    expect((await list(secretaryA, "?qualification=veteran")).items.map((x) => x.id)).toEqual([w.id]);
  });

  it("lists the badge cards of a community's approved people with their QR codes, audited", async () => {
    const on = await addWorker(secretaryA, { name: "刘胸牌" });
    const pending = await addWorker(secretaryA, { status: "pending", source: "volunteer" });
    const res = await t.call("GET", `/api/workers/badges?communityId=${a.community.id}`, {
      cookie: secretaryA,
    });
    const { items } = (await res.json()) as { items: (WorkerDetail & { badgeCode: string })[] };
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(on.id)).toMatchObject({ badgeNo: on.badgeNo, badgeCode: on.badgeCode });
    expect(byId.has(pending.id)).toBe(false);
    const picked = await t.call("GET", `/api/workers/badges?ids=${on.id},${pending.id}`, {
      cookie: secretaryA,
    });
    expect(((await picked.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([on.id]);
    const none = await t.call("GET", `/api/workers/badges?ids=${on.id}`, { cookie: secretaryB });
    expect(((await none.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("keeps people without workforce.manage out", async () => {
    const registrar = (await t.signIn("registrar", a.community.id)).cookie;
    expect((await t.call("GET", "/api/workers", { cookie: registrar })).status).toBe(403);
    const grid = (await t.signIn("grid_worker", a.grid.id)).cookie;
    expect((await t.call("POST", "/api/workers", { cookie: grid, json: {} })).status).toBe(422);
  });
});
