import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import {
  buildShiftRound,
  buildWorker,
  expectJson,
  hourFromNow,
  putDemand,
  refusal,
  type ShiftRound,
} from "./shift-test-kit";

let t: TestContext;
let round: ShiftRound;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildShiftRound(t);
});
afterAll(async () => t.close());

const assign = (json: Record<string, unknown>) =>
  t.call("POST", "/api/shifts/assignments", { cookie: round.planner, json });

describe("shift demands", () => {
  it("refuses a shift that ends before it starts, naming the field", async () => {
    const res = await t.call("PUT", "/api/shifts/demands", {
      cookie: round.planner,
      json: {
        campaignId: round.campaignId,
        siteId: round.siteId,
        zone: "queue",
        startsAt: hourFromNow(30).toISOString(),
        endsAt: hourFromNow(29).toISOString(),
        needed: 2,
      },
    });
    const body = await expectJson<{ error: { details: { issues: { field: string; reason: string }[] } } }>(
      res,
      422,
    );
    expect(body.error.details.issues[0]).toMatchObject({ field: "endsAt", reason: "ends_before_start" });
  });

  it("refuses a window overlapping another of the same zone, and updates the same start in place", async () => {
    const a = await putDemand(t, round, "registration", hourFromNow(30), hourFromNow(32), 2);
    const again = await putDemand(t, round, "registration", hourFromNow(30), hourFromNow(32), 3);
    expect(again.id).toBe(a.id);
    const res = await t.call("PUT", "/api/shifts/demands", {
      cookie: round.planner,
      json: {
        campaignId: round.campaignId,
        siteId: round.siteId,
        zone: "registration",
        startsAt: hourFromNow(31).toISOString(),
        endsAt: hourFromNow(33).toISOString(),
        needed: 1,
      },
    });
    const body = await expectJson<{ error: { details: { issues: { field: string; reason: string }[] } } }>(
      res,
      422,
    );
    expect(body.error.details.issues[0]).toMatchObject({ field: "startsAt", reason: "overlap" });
  });

  it("generates 2-hour shifts from the point's hours, sampling needing a swab licence", async () => {
    const other = await buildShiftRound(t);
    const res = await t.call("POST", "/api/shifts/demands/generate", {
      cookie: other.planner,
      json: {
        campaignId: other.campaignId,
        siteId: other.siteId,
        windowHours: 2,
        perZone: { sampling: 2, queue: 1 },
      },
    });
    // 72 hours of opening: 36 windows per zone.
    expect(await expectJson(res, 200)).toEqual({ created: 72, updated: 0, skipped: 0 });
    const list = await expectJson<{
      items: { zone: string; qualification: string | null; needed: number }[];
    }>(
      await t.call("GET", `/api/shifts/demands?campaignId=${other.campaignId}`, { cookie: other.planner }),
      200,
    );
    expect(list.items.filter((d) => d.zone === "sampling").every((d) => d.qualification === "may_swab")).toBe(
      true,
    );
    expect(list.items.filter((d) => d.zone === "queue").every((d) => d.qualification === null)).toBe(true);
  });
});

describe("assigning by hand", () => {
  it("never puts someone without a swab licence on sampling, override or not", async () => {
    const demand = await putDemand(t, round, "sampling", hourFromNow(40), hourFromNow(42));
    const w = await buildWorker(t, round.chain.community.id);
    const res = await assign({ demandId: demand.id, workerId: w.id, override: { reason: "没有别人了" } });
    expect(await refusal(res)).toEqual({ status: 409, code: "unqualified" });
    const medic = await buildWorker(t, round.chain.community.id, { qualifications: ["may_swab"] });
    await expectJson(await assign({ demandId: demand.id, workerId: medic.id }), 201);
  });

  it("refuses one person in two places at once", async () => {
    const a = await putDemand(t, round, "triage", hourFromNow(20), hourFromNow(22));
    const b = await putDemand(t, round, "temperature", hourFromNow(21), hourFromNow(23));
    const w = await buildWorker(t, round.chain.community.id);
    await expectJson(await assign({ demandId: a.id, workerId: w.id }), 201);
    expect(
      await refusal(await assign({ demandId: b.id, workerId: w.id, override: { reason: "急需" } })),
    ).toEqual({
      status: 409,
      code: "overlap",
    });
  });

  it("blocks planning past 12 hours in 24 unless a reason is given, and keeps the reason", async () => {
    const w = await buildWorker(t, round.chain.community.id);
    const shifts = [];
    for (let h = 0; h < 14; h += 2)
      shifts.push(await putDemand(t, round, "queue", hourFromNow(2 + h), hourFromNow(4 + h)));
    for (const d of shifts.slice(0, 6))
      await expectJson(await assign({ demandId: d.id, workerId: w.id }), 201);
    const last = shifts[6] as { id: string };
    const res = await assign({ demandId: last.id, workerId: w.id });
    const body = (await res.json()) as {
      error: { details: { code: string; violations: { rule: string }[] } };
    };
    expect(res.status).toBe(409);
    expect(body.error.details.code).toBe("rest_rule");
    expect(body.error.details.violations.map((v) => v.rule)).toContain("hours_24h");
    const forced = await expectJson<{ overrideRules: string[]; overrideReason: string }>(
      await assign({ demandId: last.id, workerId: w.id, override: { reason: "夜班无人接替，次日补休" } }),
      201,
    );
    expect(forced.overrideRules).toContain("hours_24h");
    expect(forced.overrideReason).toBe("夜班无人接替，次日补休");
  });

  it("needs a reason to plan someone outside the hours they offered", async () => {
    const d = await putDemand(t, round, "temperature", hourFromNow(44), hourFromNow(46));
    const w = await buildWorker(t, round.chain.community.id, {
      availability: [{ start: hourFromNow(10).toISOString(), end: hourFromNow(14).toISOString() }],
    });
    expect(await refusal(await assign({ demandId: d.id, workerId: w.id }))).toEqual({
      status: 409,
      code: "unavailable",
    });
    await expectJson(
      await assign({ demandId: d.id, workerId: w.id, override: { reason: "本人电话同意" } }),
      201,
    );
  });

  it("lists who fits first and says why the others do not", async () => {
    const d = await putDemand(t, round, "sampling", hourFromNow(46), hourFromNow(48), 2);
    const medic = await buildWorker(t, round.chain.community.id, { qualifications: ["may_swab"] });
    const list = await expectJson<{ items: { workerId: string; problems: { code: string }[] }[] }>(
      await t.call("GET", `/api/shifts/demands/${d.id}/candidates`, { cookie: round.planner }),
      200,
    );
    expect(list.items[0]?.problems).toEqual([]);
    expect(list.items.find((i) => i.workerId === medic.id)?.problems).toEqual([]);
    expect(list.items.at(-1)?.problems.map((p) => p.code)).toContain("unqualified");
  });

  it("hides other communities' people and points", async () => {
    const elsewhere = await buildRegionChain(t.db);
    const stranger = await buildWorker(t, elsewhere.community.id);
    const d = await putDemand(t, round, "queue", hourFromNow(-2), hourFromNow(0));
    expect((await assign({ demandId: d.id, workerId: stranger.id })).status).toBe(404);
    const outsider = (await t.signIn("community_secretary", elsewhere.community.id)).cookie;
    const res = await t.call("GET", `/api/shifts/board?campaignId=${round.campaignId}`, { cookie: outsider });
    expect(res.status).toBe(404);
  });

  it("cancels an assignment and the gap shows on the board again", async () => {
    const d = await putDemand(t, round, "disinfection", hourFromNow(24), hourFromNow(26), 1);
    const w = await buildWorker(t, round.chain.community.id);
    const a = await expectJson<{ id: string }>(await assign({ demandId: d.id, workerId: w.id }), 201);
    const boardOf = async () =>
      (
        await expectJson<{ demands: { id: string; gap: number; people: unknown[] }[] }>(
          await t.call("GET", `/api/shifts/board?campaignId=${round.campaignId}`, { cookie: round.planner }),
          200,
        )
      ).demands.find((x) => x.id === d.id);
    expect(await boardOf()).toMatchObject({ gap: 0 });
    await expectJson(
      await t.call("DELETE", `/api/shifts/assignments/${a.id}`, { cookie: round.planner }),
      200,
    );
    expect(await boardOf()).toMatchObject({ gap: 1, people: [] });
  });
});

describe("proposal", () => {
  it("proposes a fill that respects qualifications and rest rules, and saves it when accepted", async () => {
    const r = await buildShiftRound(t);
    await expectJson(
      await t.call("POST", "/api/shifts/demands/generate", {
        cookie: r.planner,
        json: {
          campaignId: r.campaignId,
          siteId: r.siteId,
          windowHours: 2,
          perZone: { sampling: 1, queue: 1 },
        },
      }),
      200,
    );
    for (let i = 0; i < 4; i++) await buildWorker(t, r.chain.community.id, { qualifications: ["may_swab"] });
    for (let i = 0; i < 4; i++) await buildWorker(t, r.chain.community.id);
    const proposal = await expectJson<{
      assignments: { demandId: string; workerId: string; zone: string }[];
      gaps: { demandId: string; missing: number }[];
    }>(
      await t.call("POST", "/api/shifts/propose", { cookie: r.planner, json: { campaignId: r.campaignId } }),
      200,
    );
    expect(proposal.assignments.length).toBeGreaterThan(10);
    // Nothing saved yet.
    const before = await t.db
      .selectFrom("shift_assignments")
      .select("id")
      .where("proposed", "=", true)
      .execute();
    const accepted = await expectJson<{ saved: number; refused: unknown[] }>(
      await t.call("POST", "/api/shifts/propose/accept", {
        cookie: r.planner,
        json: {
          campaignId: r.campaignId,
          assignments: proposal.assignments.map(({ demandId, workerId }) => ({ demandId, workerId })),
        },
      }),
      200,
    );
    expect(accepted).toEqual({ saved: proposal.assignments.length, refused: [] });
    const after = await t.db
      .selectFrom("shift_assignments")
      .select("id")
      .where("proposed", "=", true)
      .execute();
    expect(after.length - before.length).toBe(proposal.assignments.length);
    // Accepting the same proposal again saves nothing twice.
    const again = await expectJson<{ saved: number; refused: unknown[] }>(
      await t.call("POST", "/api/shifts/propose/accept", {
        cookie: r.planner,
        json: {
          campaignId: r.campaignId,
          assignments: proposal.assignments
            .slice(0, 3)
            .map(({ demandId, workerId }) => ({ demandId, workerId })),
        },
      }),
      200,
    );
    expect(again.saved).toBe(0);
    expect(again.refused).toHaveLength(3);
  });

  it("keeps the round's rest rules and checks them", async () => {
    const res = await t.call("PUT", `/api/shifts/rules/${round.campaignId}`, {
      cookie: round.planner,
      json: { maxGearHours: 4, maxHoursPer24h: 10 },
    });
    expect(await expectJson(res, 200)).toMatchObject({
      maxGearHours: 4,
      maxHoursPer24h: 10,
      minRestPer24h: 8,
    });
    const bad = await t.call("PUT", `/api/shifts/rules/${round.campaignId}`, {
      cookie: round.planner,
      json: { maxGearHours: -1 },
    });
    expect(bad.status).toBe(422);
  });

  it("takes a worker who is stood down off their shifts to come, leaving the shifts already begun", async () => {
    const w = await buildWorker(t, round.chain.community.id);
    const past = await putDemand(t, round, "temperature", hourFromNow(-1), hourFromNow(1), 1);
    const future = await putDemand(t, round, "temperature", hourFromNow(40), hourFromNow(42), 1);
    await expectJson(await assign({ demandId: past.id, workerId: w.id, override: { reason: "补登" } }), 201);
    await expectJson(await assign({ demandId: future.id, workerId: w.id }), 201);
    await expectJson(await t.call("POST", `/api/workers/${w.id}/deactivate`, { cookie: round.planner }), 200);
    const rows = await t.db
      .selectFrom("shift_assignments")
      .select(["demand_id", "status"])
      .where("worker_id", "=", w.id)
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.demand_id, r.status]))).toEqual({
      [past.id]: "planned",
      [future.id]: "cancelled",
    });
  });
});
