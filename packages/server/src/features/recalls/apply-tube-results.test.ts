import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../db/retry";
import { createTestContext, type TestContext } from "../../test/test-context";
import {
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { applyTubeResults } from "./apply-tube-results";
import { findOpenRecall } from "./queries";
import type { RecallList, RecallWalkIns } from "./recall-schema";
import { fillTube, recordResults, residentsOf, settleResult } from "./recall-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;
let secretary: string;
/** Residents of 1号楼, two per household in door order; each test takes its own. */
let people: string[];
let pointA: { campaignId: string; siteId: string };

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  secretary = (await t.signIn("community_secretary", round.place.a.community.id)).cookie;
  people = await residentsOf(t, round.place.a.building.id);
  pointA = { campaignId: round.campaignId, siteId: round.siteA };
});
afterAll(() => t.close());

const take = (n: number) => people.splice(0, n).map((residentId) => ({ residentId }));

async function tubeId(code: string): Promise<string> {
  const row = await t.db
    .selectFrom("tubes")
    .select("id")
    .where("barcode", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function tasksOf(code: string) {
  return t.db
    .selectFrom("recall_tasks")
    .selectAll()
    .where("tube_id", "=", await tubeId(code))
    .orderBy("household_id")
    .execute();
}

async function recallsOf(residentIds: string[]) {
  return t.db
    .selectFrom("recalls")
    .selectAll()
    .where("resident_id", "in", residentIds)
    .orderBy("resident_id")
    .execute();
}

async function list(status = "all"): Promise<RecallList> {
  const res = await t.call("GET", `/api/recalls?campaignId=${round.campaignId}&status=${status}`, {
    cookie: secretary,
  });
  return expectJson<RecallList>(res, 200);
}

describe("applying tube results", () => {
  it("recalls everyone of a positive pooled tube: one task per household, one recall per person", async () => {
    const ten = take(10);
    const code = await fillTube(t, registrar, pointA, ten);
    await recordResults(t, [{ barcode: code, result: "positive" }]);

    const tasks = await tasksOf(code);
    expect(tasks).toHaveLength(5);
    expect(tasks.every((task) => task.reason === "positive" && task.status === "open")).toBe(true);
    const recalls = await recallsOf(ten.map((p) => p.residentId));
    expect(recalls).toHaveLength(10);
    expect(new Set(recalls.map((r) => r.task_id))).toEqual(new Set(tasks.map((task) => task.id)));
    expect(recalls.every((r) => r.status === "open" && r.resample_id === null)).toBe(true);
    const open = await findOpenRecall(t.db, round.campaignId, ten[0]?.residentId as string);
    expect(open?.taskId).toBeDefined();
    expect(tasks.map((task) => task.id)).toContain(open?.taskId);
  });

  it("recalls nobody for a negative tube, and gives an invalid tube's households the reason invalid", async () => {
    const clear = take(4);
    const spoilt = take(4);
    const negative = await fillTube(t, registrar, pointA, clear);
    const invalid = await fillTube(t, registrar, pointA, spoilt);
    await recordResults(t, [
      { barcode: negative, result: "negative" },
      { barcode: invalid, result: "invalid" },
    ]);
    expect(await tasksOf(negative)).toHaveLength(0);
    expect(await recallsOf(clear.map((p) => p.residentId))).toHaveLength(0);
    const tasks = await tasksOf(invalid);
    expect(tasks.map((task) => task.reason)).toEqual(["invalid", "invalid"]);
    expect(await recallsOf(spoilt.map((p) => p.residentId))).toHaveLength(4);
  });

  it("applies the same results again without a second task or recall", async () => {
    const four = take(4);
    const code = await fillTube(t, registrar, pointA, four);
    await recordResults(t, [{ barcode: code, result: "positive" }]);
    const before = { tasks: await tasksOf(code), recalls: await recallsOf(four.map((p) => p.residentId)) };
    const id = await tubeId(code);
    await inTransaction(t.db, async (trx) => {
      const again = {
        tubeId: id,
        campaignId: round.campaignId,
        result: "positive" as const,
        testedAt: new Date(),
      };
      await applyTubeResults(trx, [again, again]);
    });
    await recordResults(t, [{ barcode: code, result: "positive" }]);
    expect(await tasksOf(code)).toEqual(before.tasks);
    expect(await recallsOf(four.map((p) => p.residentId))).toEqual(before.recalls);
  });

  it("leaves out an undone binding, and lists a walk-in of the tube for the registry owners", async () => {
    const [kept, undone] = take(2);
    const code = await fillTube(t, registrar, pointA, [kept as { residentId: string }]);
    // Reopen the sealed tube with an override, bind someone by mistake, undo it, add a walk-in.
    const s = makeStation(round.campaignId, round.siteA);
    const walkIn = { name: "过路人", idType: "passport", idNumber: "E12345678", phone: "13800001111" };
    const results = await postScans(t, registrar, s.stationId, [
      s.open(code, { override: { reason: "补录" } }),
      s.bind(code, undone as { residentId: string }),
      s.undo(code),
      s.bind(code, { walkIn }),
      s.seal(code),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("applied"));
    await recordResults(t, [{ barcode: code, result: "positive" }]);

    expect(await recallsOf([kept?.residentId as string])).toHaveLength(1);
    expect(await recallsOf([undone?.residentId as string])).toHaveLength(0);
    const res = await t.call("GET", `/api/recalls/walk-ins?campaignId=${round.campaignId}`, {
      cookie: secretary,
    });
    const { items } = await expectJson<RecallWalkIns>(res, 200);
    const mine = items.filter((w) => w.tubeBarcode === code);
    expect(mine).toEqual([
      expect.objectContaining({
        name: "过*人",
        idNumberMasked: "E1*****78",
        phoneMasked: "138****1111",
        reason: "positive",
      }),
    ]);
  });
});

describe("re-samples in single tubes", () => {
  it("closes a recall with the re-sample's result, and the task once everyone in it has one", async () => {
    const pair = take(2);
    const pooled = await fillTube(t, registrar, pointA, pair);
    await recordResults(t, [{ barcode: pooled, result: "positive" }]);
    const [task] = await tasksOf(pooled);

    const first = await fillTube(t, registrar, pointA, [pair[0] as { residentId: string }], { single: true });
    const [r1] = await recallsOf([pair[0]?.residentId as string]);
    expect(r1?.status).toBe("resampled");
    await recordResults(t, [{ barcode: first, result: "negative" }]);
    expect(await recallsOf([pair[0]?.residentId as string])).toEqual([
      expect.objectContaining({ status: "closed", result: "negative" }),
    ]);
    expect((await tasksOf(pooled))[0]?.status).toBe("open");

    const second = await fillTube(t, registrar, pointA, [pair[1] as { residentId: string }], {
      single: true,
    });
    await recordResults(t, [{ barcode: second, result: "negative" }]);
    const [closed] = await tasksOf(pooled);
    expect(closed).toMatchObject({ id: task?.id, status: "closed" });
    expect(closed?.closed_at).not.toBeNull();
    const active = await list("active");
    expect(active.groups.flatMap((g) => g.tasks).map((x) => x.id)).not.toContain(task?.id);
  });

  it("reopens a recall whose re-sample is invalid, so the person is sampled again", async () => {
    const one = take(1);
    const resident = one[0]?.residentId as string;
    const pooled = await fillTube(t, registrar, pointA, one);
    await recordResults(t, [{ barcode: pooled, result: "invalid" }]);
    const retry = await fillTube(t, registrar, pointA, one, { single: true });
    await recordResults(t, [{ barcode: retry, result: "invalid" }]);

    expect(await recallsOf([resident])).toEqual([
      expect.objectContaining({ status: "open", resample_id: null, result: "invalid" }),
    ]);
    expect(await findOpenRecall(t.db, round.campaignId, resident)).toBeDefined();
    const again = await fillTube(t, registrar, pointA, one, { single: true });
    expect((await recallsOf([resident]))[0]?.status).toBe("resampled");
    await recordResults(t, [{ barcode: again, result: "negative" }]);
    expect((await recallsOf([resident]))[0]).toMatchObject({ status: "closed", result: "negative" });
    expect((await tasksOf(pooled))[0]?.status).toBe("closed");
  });

  it("marks a positive re-sample and keeps its closed task findable under positive", async () => {
    const one = take(1);
    const pooled = await fillTube(t, registrar, pointA, one);
    await recordResults(t, [{ barcode: pooled, result: "positive" }]);
    const single = await fillTube(t, registrar, pointA, one, { single: true });
    await recordResults(t, [{ barcode: single, result: "positive" }]);
    const [task] = await tasksOf(pooled);
    expect(task?.status).toBe("closed");

    const positive = await list("positive");
    const shown = positive.groups.flatMap((g) => g.tasks).find((x) => x.id === task?.id);
    expect(shown).toMatchObject({ status: "closed", positive: true });
    expect(shown?.people).toEqual([expect.objectContaining({ status: "closed", result: "positive" })]);
    expect(positive.counts.positive).toBeGreaterThanOrEqual(1);
  });

  it("follows a re-sample result the lab corrected: negative to positive, then invalid reopens the task", async () => {
    const one = take(1);
    const resident = one[0]?.residentId as string;
    const pooled = await fillTube(t, registrar, pointA, one);
    await recordResults(t, [{ barcode: pooled, result: "positive" }]);
    const single = await fillTube(t, registrar, pointA, one, { single: true });
    await recordResults(t, [{ barcode: single, result: "negative" }]);
    expect((await tasksOf(pooled))[0]?.status).toBe("closed");

    await settleResult(t, single, "positive");
    expect((await recallsOf([resident]))[0]).toMatchObject({ status: "closed", result: "positive" });
    expect((await tasksOf(pooled))[0]?.status).toBe("closed");

    await settleResult(t, single, "invalid");
    expect((await recallsOf([resident]))[0]).toMatchObject({
      status: "open",
      result: "invalid",
      resample_id: null,
    });
    expect((await tasksOf(pooled))[0]).toMatchObject({ status: "open", closed_at: null });
  });
});

describe("a pooled result the lab corrected", () => {
  it("moves the reason from invalid to positive, and shows a correction to negative on the list", async () => {
    const two = take(2);
    const code = await fillTube(t, registrar, pointA, two);
    await recordResults(t, [{ barcode: code, result: "invalid" }]);
    await settleResult(t, code, "positive");
    const reasons = (await tasksOf(code)).map((task) => task.reason);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((reason) => reason === "positive")).toBe(true);

    await settleResult(t, code, "negative");
    const [task] = await tasksOf(code);
    const shown = (await list("all")).groups.flatMap((g) => g.tasks).find((x) => x.id === task?.id);
    expect(shown).toMatchObject({ reason: "positive", tube: { barcode: code, result: "negative" } });
  });
});
