import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { buildStationRound, expectJson, type StationRound } from "../station/station-test-kit";
import type { RecallList, RecallTask, ResidentRoundStatus } from "./recall-schema";
import { fillTube, recordResults, residentsOf } from "./recall-test-kit";

let t: TestContext;
let round: StationRound;
let secretary: string;
let gridWorker: string;
let otherGridWorker: string;
let officer: string;
/** 1号楼 (grid of place.a): a positive tube of 101–103 (six people). */
let positiveTube: string;
let recalled: string[];
let notSampled: string;
/** The other community: an invalid tube of two people of two households. */
let otherTube: string;
let otherResident: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  const registrar = (await t.signIn("registrar", round.place.a.subdistrict.id)).cookie;
  secretary = (await t.signIn("community_secretary", round.place.a.community.id)).cookie;
  gridWorker = (await t.signIn("grid_worker", round.place.a.grid.id)).cookie;
  const elsewhere = await buildNeighbour(t.db, round.place.a, "community");
  otherGridWorker = (await t.signIn("grid_worker", elsewhere.grid.id)).cookie;
  officer = (await t.signIn("subdistrict_officer", round.place.a.subdistrict.id)).cookie;

  const inA = await residentsOf(t, round.place.a.building.id);
  recalled = inA.slice(0, 6);
  notSampled = inA[10] as string;
  positiveTube = await fillTube(
    t,
    registrar,
    { campaignId: round.campaignId, siteId: round.siteA },
    recalled.map((residentId) => ({ residentId })),
  );
  const inOther = await residentsOf(t, round.other.building.id);
  otherResident = inOther[0] as string;
  otherTube = await fillTube(
    t,
    registrar,
    { campaignId: round.campaignId, siteId: round.siteOther },
    inOther.slice(0, 2).map((residentId) => ({ residentId })),
  );
  await recordResults(t, [
    { barcode: positiveTube, result: "positive" },
    { barcode: otherTube, result: "invalid" },
  ]);
});
afterAll(() => t.close());

async function list(cookie: string, query = "", status = 200): Promise<RecallList> {
  const res = await t.call("GET", `/api/recalls?campaignId=${round.campaignId}${query}`, { cookie });
  return expectJson<RecallList>(res, status);
}

const tasksIn = (l: RecallList) => l.groups.flatMap((g) => g.tasks);

async function residentStatus(cookie: string, residentId: string, status = 200) {
  const res = await t.call("GET", `/api/recalls/residents/${residentId}?campaignId=${round.campaignId}`, {
    cookie,
  });
  return expectJson<ResidentRoundStatus>(res, status);
}

describe("the recall list", () => {
  it("shows the community its households per grid, names masked, with counts", async () => {
    const l = await list(secretary);
    expect(l.counts).toEqual({ households: 3, people: 6, open: 6, resampled: 0, closed: 0, positive: 0 });
    expect(l.groups).toHaveLength(1);
    expect(l.groups[0]).toMatchObject({ gridId: round.place.a.grid.id, gridName: round.place.a.grid.name });
    const tasks = tasksIn(l);
    expect(tasks.map((x) => x.address)).toEqual(["1号楼 1单元 101", "1号楼 1单元 102", "1号楼 1单元 103"]);
    expect(tasks[0]).toMatchObject({
      reason: "positive",
      status: "open",
      tube: { barcode: positiveTube },
      homeSampling: false,
    });
    const names = await t.db.selectFrom("residents").select("name").where("id", "in", recalled).execute();
    for (const person of tasks.flatMap((x) => x.people)) {
      expect(person.name).toContain("*");
      expect(names.map((n) => n.name)).not.toContain(person.name);
      expect(person).toMatchObject({ status: "open", result: null, age: expect.any(Number) });
    }
  });

  it("shows a subdistrict both communities, and narrows to one region", async () => {
    const all = await list(officer);
    expect(all.groups.map((g) => g.gridId)).toEqual(
      expect.arrayContaining([round.place.a.grid.id, round.other.grid.id]),
    );
    expect(all.counts).toMatchObject({ households: 5, people: 8 });
    const narrowed = await list(officer, `&regionId=${round.other.community.id}`);
    expect(tasksIn(narrowed).map((x) => [x.reason, x.tube.barcode])).toEqual([
      ["invalid", otherTube],
      ["invalid", otherTube],
    ]);
    expect(narrowed.grids).toHaveLength(2);
  });

  it("shows a grid worker of another grid nothing, and refuses a region outside their area", async () => {
    const l = await list(otherGridWorker);
    expect(l.groups).toEqual([]);
    expect(l.counts.households).toBe(0);
    await list(otherGridWorker, `&regionId=${round.place.a.grid.id}`, 404);
  });

  it("is refused to a registrar", async () => {
    const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
    await list(registrar, "", 403);
  });
});

describe("working a household", () => {
  it("ticks a household controlled with a note, audited without the note's text, and clears the tick", async () => {
    const task = tasksIn(await list(gridWorker))[0] as RecallTask;
    const note = "已电话联系，居家等待";
    const ticked = await expectJson<RecallTask>(
      await t.call("POST", `/api/recalls/tasks/${task.id}/control`, { cookie: gridWorker, json: { note } }),
      200,
    );
    expect(ticked).toMatchObject({ status: "controlled", note, controlledAt: expect.any(String) });
    expect(tasksIn(await list(secretary, "&status=controlled")).map((x) => x.id)).toEqual([task.id]);

    const cleared = await expectJson<RecallTask>(
      await t.call("POST", `/api/recalls/tasks/${task.id}/control`, {
        cookie: gridWorker,
        json: { controlled: false },
      }),
      200,
    );
    expect(cleared).toMatchObject({ status: "open", note, controlledAt: null });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", task.id)
      .orderBy("at")
      .execute();
    expect(audit).toEqual([
      { action: "recall.control", details: { controlled: true, note: true } },
      { action: "recall.control", details: { controlled: false, note: true } },
    ]);
  });

  it("switches a household to home sampling, audited", async () => {
    const task = tasksIn(await list(secretary))[1] as RecallTask;
    const on = await expectJson<RecallTask>(
      await t.call("POST", `/api/recalls/tasks/${task.id}/home-sampling`, {
        cookie: secretary,
        json: { on: true },
      }),
      200,
    );
    expect(on.homeSampling).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", task.id)
      .execute();
    expect(audit).toEqual([{ action: "recall.home_sampling", details: { on: true } }]);
  });

  it("answers 404 for a task of another grid", async () => {
    const task = tasksIn(await list(secretary))[0] as RecallTask;
    for (const path of ["control", "home-sampling"]) {
      const res = await t.call("POST", `/api/recalls/tasks/${task.id}/${path}`, {
        cookie: otherGridWorker,
        json: path === "control" ? {} : { on: true },
      });
      await expectJson(res, 404);
    }
  });
});

describe("a resident's round status", () => {
  it("tells the grid worker where and when the person was sampled, the tube result and the recall", async () => {
    const status = await residentStatus(gridWorker, recalled[0] as string);
    expect(status.state).toBe("recalled");
    expect(status.samples).toEqual([
      expect.objectContaining({
        site: { id: round.siteA, name: "一号楼采集点" },
        tube: expect.objectContaining({ barcode: positiveTube, poolSize: 10, single: false }),
        result: "positive",
        resample: false,
      }),
    ]);
    expect(status.recalls).toEqual([
      expect.objectContaining({
        reason: "positive",
        tubeBarcode: positiveTube,
        status: "open",
        result: null,
      }),
    ]);
    expect((await residentStatus(gridWorker, notSampled)).state).toBe("not_sampled");
  });

  it("audits every look as a read of that resident", async () => {
    await residentStatus(secretary, recalled[1] as string);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["action", "entity_type", "details"])
      .where("entity_id", "=", recalled[1] as string)
      .execute();
    expect(rows).toEqual([
      {
        action: "recall.resident_status",
        entity_type: "resident",
        details: { campaignId: round.campaignId },
      },
    ]);
  });

  it("answers 404 to a grid worker of another grid", async () => {
    await residentStatus(otherGridWorker, recalled[0] as string, 404);
    await residentStatus(gridWorker, otherResident, 404);
    expect((await residentStatus(officer, otherResident)).state).toBe("recalled");
  });
});
