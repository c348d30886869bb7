import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import { runOutboxOnce } from "../notices/outbox-worker";
import { startOfChinaDay } from "./list-attendance";
import {
  backdateAttendance,
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

const scan = (badge: string, cookie = round.registrar) =>
  t.call("POST", "/api/shifts/attendance/scan", { cookie, json: { badge, siteId: round.siteId } });

interface Scan {
  kind: string;
  lateMinutes: number | null;
  hours: number | null;
  shift: { zone: string } | null;
}

describe("check-in and check-out", () => {
  it("records an arrival from the badge QR, linked to the shift it belongs to, and the departure", async () => {
    const w = await buildWorker(t, round.chain.community.id);
    const d = await putDemand(t, round, "queue", hourFromNow(0), hourFromNow(2));
    await expectJson(
      await t.call("POST", "/api/shifts/assignments", {
        cookie: round.planner,
        json: { demandId: d.id, workerId: w.id },
      }),
      201,
    );
    const arrival = await expectJson<Scan>(await scan(`SQB1.${w.badgeCode}`), 200);
    expect(arrival).toMatchObject({ kind: "arrival", shift: { zone: "queue" } });
    await backdateAttendance(t, w.id, 90 * 60_000);
    const departure = await expectJson<Scan>(await scan(w.badgeNo.toLowerCase()), 200);
    expect(departure.kind).toBe("departure");
    expect(departure.hours).toBeCloseTo(1.5, 1);
  });

  it("says a badge scanned twice in a row and records nothing", async () => {
    const w = await buildWorker(t, round.chain.community.id);
    await expectJson(await scan(`SQB1.${w.badgeCode}`), 200);
    expect(await refusal(await scan(`SQB1.${w.badgeCode}`))).toEqual({ status: 409, code: "scanned_twice" });
    const rows = await t.db.selectFrom("attendance").selectAll().where("worker_id", "=", w.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.check_out_at).toBeNull();
  });

  it("answers an unknown badge and an inactive one clearly", async () => {
    expect(await refusal(await scan("SQB1.nobody-has-this"))).toEqual({ status: 404, code: "unknown_badge" });
    expect(await refusal(await scan("ZZ99999"))).toEqual({ status: 404, code: "unknown_badge" });
    const gone = await buildWorker(t, round.chain.community.id, { status: "inactive" });
    expect(await refusal(await scan(gone.badgeNo))).toEqual({ status: 409, code: "badge_inactive" });
  });

  it("reports a late arrival and a no-show", async () => {
    const late = await buildWorker(t, round.chain.community.id);
    const absent = await buildWorker(t, round.chain.community.id);
    const d = await putDemand(t, round, "triage", hourFromNow(-1), hourFromNow(1), 2);
    for (const w of [late, absent])
      await expectJson(
        await t.call("POST", "/api/shifts/assignments", {
          cookie: round.planner,
          json: { demandId: d.id, workerId: w.id, override: { reason: "补录" } },
        }),
        201,
      );
    const arrival = await expectJson<Scan>(await scan(late.badgeNo), 200);
    expect(arrival.lateMinutes).toBeGreaterThanOrEqual(10);
    const today = await expectJson<{
      items: { workerId: string; lateMinutes: number | null }[];
      noShows: { workerId: string }[];
      onDuty: number;
    }>(
      await t.call("GET", `/api/shifts/attendance?campaignId=${round.campaignId}`, {
        cookie: round.registrar,
      }),
      200,
    );
    expect(today.items.find((i) => i.workerId === late.id)?.lateMinutes).toBeGreaterThanOrEqual(10);
    expect(today.noShows.map((n) => n.workerId)).toContain(absent.id);
    expect(today.noShows.map((n) => n.workerId)).not.toContain(late.id);
  });
});

describe("no-shows across midnight", () => {
  // Begun before midnight (China), over half an hour ago, and still running, at any hour of the
  // day; a shift lasts 24 hours at most, so in the day's last few minutes there is none to plan.
  const now = Date.now();
  const minute = 60_000;
  const start = new Date(Math.min(startOfChinaDay(new Date(now)).getTime() - minute, now - 31 * minute));
  const end = new Date(now + 3 * minute);
  it.skipIf(end.getTime() - start.getTime() > 24 * 60 * minute)(
    "lists a no-show of a shift that began before midnight and is still running",
    async () => {
      const absent = await buildWorker(t, round.chain.community.id);
      // A zone no other test here plans: windows of one zone at a point may not overlap.
      const d = await putDemand(t, round, "disinfection", start, end);
      await expectJson(
        await t.call("POST", "/api/shifts/assignments", {
          cookie: round.planner,
          json: { demandId: d.id, workerId: absent.id, override: { reason: "补录" } },
        }),
        201,
      );
      const today = await expectJson<{ noShows: { workerId: string }[] }>(
        await t.call("GET", `/api/shifts/attendance?campaignId=${round.campaignId}`, {
          cookie: round.registrar,
        }),
        200,
      );
      expect(today.noShows.map((n) => n.workerId)).toContain(absent.id);
    },
  );
});

describe("hours and limits", () => {
  it("lists who is over 12 hours in 24 by what they actually worked", async () => {
    const tired = await buildWorker(t, round.chain.community.id, { name: "老兵" });
    await expectJson(await scan(tired.badgeNo), 200);
    await backdateAttendance(t, tired.id, 13 * 3_600_000);
    const res = await t.call("GET", `/api/shifts/over-limit?campaignId=${round.campaignId}`, {
      cookie: round.registrar,
    });
    const body = await expectJson<{ items: { workerId: string; rule: string; onDuty: boolean }[] }>(res, 200);
    expect(body.items.find((i) => i.workerId === tired.id)).toMatchObject({
      rule: "hours_24h",
      onDuty: true,
    });
  });

  it("sums each person's hours and exports them as XLSX", async () => {
    const v = await buildWorker(t, round.chain.community.id);
    await expectJson(await scan(v.badgeNo), 200);
    await sql`update attendance set campaign_id = ${round.campaignId}, check_in_at = now() - interval '5 hours',
      check_out_at = now() - interval '2 hours' where worker_id = ${v.id}`.execute(t.db);
    const hours = await expectJson<{ items: { workerId: string; hours: number; shifts: number }[] }>(
      await t.call("GET", `/api/shifts/hours?campaignId=${round.campaignId}`, { cookie: round.planner }),
      200,
    );
    expect(hours.items.find((i) => i.workerId === v.id)).toMatchObject({ hours: 3, shifts: 1 });
    const file = await t.call("GET", `/api/shifts/hours/export?campaignId=${round.campaignId}&format=xlsx`, {
      cookie: round.planner,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("spreadsheetml");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe("PK");
  });
});

describe("messages and the worker's own page", () => {
  it("queues one SMS per person planned on a point, sent by the outbox worker", async () => {
    const r = await buildShiftRound(t);
    const d = await putDemand(t, r, "registration", hourFromNow(3), hourFromNow(5), 2);
    const people = [await buildWorker(t, r.chain.community.id), await buildWorker(t, r.chain.community.id)];
    for (const w of people)
      await expectJson(
        await t.call("POST", "/api/shifts/assignments", {
          cookie: r.planner,
          json: { demandId: d.id, workerId: w.id },
        }),
        201,
      );
    const run = await expectJson<{ runId: string; queued: number }>(
      await t.call("POST", "/api/shifts/messages", {
        cookie: r.planner,
        json: { campaignId: r.campaignId, siteId: r.siteId, text: "明早7点到岗，注意保暖" },
      }),
      201,
    );
    expect(run.queued).toBe(2);
    const sent: string[] = [];
    await runOutboxOnce(t.db, {
      name: "test",
      async send(m) {
        sent.push(m.body);
        return { ok: true, providerId: m.id };
      },
    });
    expect(sent.filter((b) => b === "明早7点到岗，注意保暖")).toHaveLength(2);
    const status = await expectJson<{ sent: number }>(
      await t.call("GET", `/api/shifts/messages/${run.runId}`, { cookie: r.planner }),
      200,
    );
    expect(status.sent).toBe(2);
  });

  it("shows a worker their own shifts by badge code, with no name when they hide it", async () => {
    const w = await buildWorker(t, round.chain.community.id, { hideName: true });
    const d = await putDemand(t, round, "temperature", hourFromNow(6), hourFromNow(8));
    await expectJson(
      await t.call("POST", "/api/shifts/assignments", {
        cookie: round.planner,
        json: { demandId: d.id, workerId: w.id },
      }),
      201,
    );
    const page = await expectJson<{
      displayName: string | null;
      badgeNo: string;
      upcoming: { zone: string }[];
    }>(await t.call("GET", `/api/public/my-shifts/${w.badgeCode}`), 200);
    expect(page.displayName).toBeNull();
    expect(page.badgeNo).toBe(w.badgeNo);
    expect(page.upcoming.map((s) => s.zone)).toContain("temperature");
    expect((await t.call("GET", "/api/public/my-shifts/not-a-real-code-at-all")).status).toBe(404);
  });
});
