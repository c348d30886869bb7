import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { NoticeRun, NoticeSummary } from "./notice-schema";
import { expectJson, type ScheduledRound, scheduleRound } from "./notice-test-kit";
import { runOutboxOnce } from "./outbox-worker";
import { createRecordAdapter } from "./sms-adapter";

let t: TestContext;
let round: ScheduledRound;
let base: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await scheduleRound(t);
  base = `/api/campaigns/${round.campaignId}`;
});
afterAll(() => t.close());

const summary = async () =>
  expectJson<NoticeSummary>(await t.call("GET", `${base}/notices/summary`, { cookie: round.officer }), 200);
const startRun = async (json?: unknown) =>
  expectJson<NoticeRun>(await t.call("POST", `${base}/notices/runs`, { cookie: round.officer, json }), 201);
const outbox = () =>
  t.db.selectFrom("sms_outbox").selectAll().where("campaign_id", "=", round.campaignId).execute();

describe("notice runs", () => {
  it("starts with every household pending, the home-only one included", async () => {
    expect(await summary()).toEqual({
      households: 42,
      byStatus: { pending: 42, queued: 0, sent: 0, notified: 0, unreachable: 0 },
    });
  });

  it("queues one SMS per phone of each pending household; without a phone it is unreachable", async () => {
    const run = await startRun();
    // 40 two-person households and the bedridden one-person household have a phone each person.
    expect(run).toMatchObject({
      status: "running",
      total: 81,
      queued: 81,
      sent: 0,
      households: 42,
      noPhone: 1,
    });
    const rows = await outbox();
    expect(rows).toHaveLength(81);
    const first = rows.filter((r) => r.household_id === round.place.householdsA[0]);
    expect(first).toHaveLength(2);
    expect(new Set(first.map((r) => r.phone)).size).toBe(2);
    expect(first[0]?.body).toContain("杨家园小学操场");
    expect(first[0]?.body).toContain("6月1日 08:00–09:00");
    const homeOnly = rows.find((r) => r.household_id === round.place.bedriddenOnly);
    expect(homeOnly?.body).toContain("上门采样");
    for (const r of rows) expect(Array.from(r.body).length).toBeLessThanOrEqual(200);
    expect((await summary()).byStatus).toEqual({
      pending: 0,
      queued: 41,
      sent: 0,
      notified: 0,
      unreachable: 1,
    });
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "notice.run").execute();
    expect(audit[0]?.details).toMatchObject({ runId: run.id, messages: 81, noPhone: 1 });
  });

  it("queues nothing on a second run", async () => {
    const again = await startRun({});
    expect(again).toMatchObject({ status: "done", total: 0, households: 0 });
    expect(await outbox()).toHaveLength(81);
  });

  it("sends through the recording adapter and shows the run done", async () => {
    const result = await runOutboxOnce(t.db, createRecordAdapter(), { batchSize: 500 });
    expect(result).toEqual({ claimed: 81, sent: 81, retried: 0, failed: 0 });
    const runs = await expectJson<{ items: NoticeRun[] }>(
      await t.call("GET", `${base}/notices/runs`, { cookie: round.officer }),
      200,
    );
    expect(runs.items).toHaveLength(2);
    const first = runs.items[1] as NoticeRun;
    expect(first).toMatchObject({ status: "done", total: 81, queued: 0, sent: 81, failed: 0 });
    expect(first.finishedAt).not.toBeNull();
    const one = await t.call("GET", `${base}/notices/runs/${first.id}`, { cookie: round.officer });
    expect(await expectJson<NoticeRun>(one, 200)).toEqual(first);
    expect(new Set((await outbox()).map((r) => r.provider_id))).toEqual(new Set(["dry-run"]));
    expect((await summary()).byStatus).toMatchObject({ pending: 0, queued: 0, sent: 41, unreachable: 1 });
  });

  it("after a slot moves, queues only that household again, with an adjusted notice", async () => {
    const moved = round.place.householdsA[3] as string;
    await bumpRevision(moved, 2);
    expect((await summary()).byStatus).toMatchObject({ pending: 1, sent: 40 });
    const run = await startRun();
    expect(run).toMatchObject({ total: 2, households: 1, noPhone: 0 });
    const fresh = (await outbox()).filter((r) => r.revision === 2);
    expect(fresh.map((r) => r.household_id)).toEqual([moved, moved]);
    expect(fresh[0]?.body).toMatch(/^【已调整】/);
    expect((await summary()).byStatus).toMatchObject({ pending: 0, queued: 1, sent: 40 });
    expect((await startRun()).total).toBe(0);
  });

  it("never queues twice when two runs start at once, and withdraws messages about an older slot", async () => {
    const [x, y] = round.place.householdsB as [string, string];
    await bumpRevision(x, 2);
    await bumpRevision(y, 2);
    const [one, two] = await Promise.all([startRun(), startRun()]);
    expect(one.total + two.total).toBe(4);
    expect(
      (await outbox()).filter((r) => r.revision === 2 && [x, y].includes(r.household_id ?? "")),
    ).toHaveLength(4);

    // x moves again before its messages went out: they are withdrawn, the new ones queued.
    await bumpRevision(x, 3);
    expect((await startRun()).total).toBe(2);
    const ofX = (await outbox()).filter((r) => r.household_id === x);
    expect(ofX.filter((r) => r.revision === 2).map((r) => [r.status, r.last_error])).toEqual([
      ["failed", "superseded"],
      ["failed", "superseded"],
    ]);
    expect(ofX.filter((r) => r.revision === 3).map((r) => r.status)).toEqual(["queued", "queued"]);
  });

  it("tells a household visited only at home again when it gets a slot", async () => {
    const slot = await t.db
      .selectFrom("slots")
      .select("id")
      .where("campaign_id", "=", round.campaignId)
      .orderBy("starts_at", "desc")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("slot_assignments")
      .values({
        campaign_id: round.campaignId,
        household_id: round.place.bedriddenOnly,
        slot_id: slot.id,
        people: 1,
      })
      .execute();
    expect(await startRun()).toMatchObject({ total: 1, households: 1 });
    const [message] = (await outbox()).filter(
      (r) => r.household_id === round.place.bedriddenOnly && r.revision === 1,
    );
    expect(message?.body).toContain("13:00–14:00");
  });

  it("refuses a region outside the user's area and a draft round", async () => {
    const res = await t.call("POST", `${base}/notices/runs`, {
      cookie: round.officer,
      json: { regionId: "01936b2e-8a40-7c1d-9f00-000000000009" },
    });
    expect(res.status).toBe(404);
    const draft = await expectJson<{ id: string }>(
      await t.call("POST", "/api/campaigns", {
        cookie: round.officer,
        json: {
          name: "草稿",
          regionIds: [round.place.a.community.id],
          startsAt: "2030-07-01T08:00:00+08:00",
          deadlineAt: "2030-07-03T08:00:00+08:00",
          poolSize: 10,
        },
      }),
      201,
    );
    const refused = await t.call("POST", `/api/campaigns/${draft.id}/notices/runs`, {
      cookie: round.officer,
    });
    expect(refused.status).toBe(409);
  });
});

async function bumpRevision(householdId: string, revision: number): Promise<void> {
  await t.db
    .updateTable("slot_assignments")
    .set({ revision, moved_at: new Date() })
    .where("campaign_id", "=", round.campaignId)
    .where("household_id", "=", householdId)
    .execute();
}
