/**
 * What a grid worker does with the list: record calls, exempt people with a reason (and take it
 * back), reveal a phone to call, export the list. The dashboard's numbers must move with it.
 */
import type { Dashboard } from "@shequ/core/dashboard-schema";
import type { MissingReveal, MissingUpdate } from "@shequ/core/missing-schema";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import { foldAllQueued } from "../command/fold-samples";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { getMissing, postContact, residentsInWalkingOrder, viewIds } from "./missing-test-kit";

let t: TestContext;
let round: StationRound;
let worker: { userId: string; cookie: string };
let registrar: string;
let people: string[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  worker = await t.signIn("grid_worker", round.place.a.grid.id);
  registrar = (await t.signIn("registrar", round.place.a.subdistrict.id)).cookie;
  people = await residentsInWalkingOrder(t, round.place.a.grid.id);
});
afterAll(() => t.close());

const person = (i: number) => people[i] as string;

/** The dashboard's figures for the grid and for the whole round. */
async function figures() {
  const get = async (q: string) =>
    (
      await expectJson<Dashboard>(
        await t.call("GET", `/api/campaigns/${round.campaignId}/dashboard${q}`, { cookie: round.officer }),
        200,
      )
    ).region;
  return { grid: await get(`?regionId=${round.place.a.grid.id}`), top: await get("") };
}

async function auditActions(residentId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("audit_log")
    .select(["action", "details"])
    .where("entity_id", "=", residentId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

describe("calls and exemptions", () => {
  it("records a call as the latest contact; 'away' exempts, and undoing it puts the person back", async () => {
    const c = round.campaignId;
    const before = await figures();
    expect(before.grid).toMatchObject({ expected: 81, exempted: 0, missing: 81 });

    const called = await postContact(t, worker.cookie, c, person(0), {
      outcome: "reached_by_phone",
      note: "说晚上来",
    });
    expect(called.person.lastContact).toMatchObject({
      outcome: "reached_by_phone",
      note: "说晚上来",
      by: "Test user",
    });
    expect(called.person.exemption).toBeNull();
    expect(called.counts).toEqual({ missing: 81, exempted: 0, previous: 0 });

    const away = await postContact(t, worker.cookie, c, person(0), { outcome: "away", note: "在外地出差" });
    expect(away.person.lastContact?.outcome).toBe("away");
    expect(away.person.exemption).toMatchObject({ reason: "away", note: "在外地出差" });
    expect(away.counts).toEqual({ missing: 80, exempted: 1, previous: 0 });
    const exempted = await figures();
    expect(exempted.grid).toMatchObject({ exempted: 1, missing: 80 });
    expect(exempted.top).toMatchObject({
      exempted: before.top.exempted + 1,
      missing: before.top.missing - 1,
    });
    expect(await viewIds(t, worker.cookie, c, round.place.a.grid.id, "missing")).not.toContain(person(0));
    expect(await viewIds(t, worker.cookie, c, round.place.a.grid.id, "exempted")).toEqual([person(0)]);

    const undone = await expectJson<MissingUpdate>(
      await t.call("DELETE", `/api/campaigns/${c}/exemptions/${person(0)}`, { cookie: worker.cookie }),
      200,
    );
    expect(undone.person.exemption).toBeNull();
    // The calls stay on record: the latest is still "away".
    expect(undone.person.lastContact?.outcome).toBe("away");
    expect(undone.counts).toEqual({ missing: 81, exempted: 0, previous: 0 });
    const after = await figures();
    expect(after.grid).toMatchObject({ exempted: 0, missing: 81 });
    expect(after.top).toMatchObject({ exempted: before.top.exempted, missing: before.top.missing });
    expect(await auditActions(person(0))).toEqual(["missing.contact", "missing.contact", "missing.unexempt"]);

    const again = await t.call("DELETE", `/api/campaigns/${c}/exemptions/${person(0)}`, {
      cookie: worker.cookie,
    });
    expect(again.status).toBe(404);
  });

  it("asks where someone sampled elsewhere was sampled, and counts a changed reason once", async () => {
    const c = round.campaignId;
    const res = await t.call("POST", `/api/campaigns/${c}/missing/${person(1)}/contacts`, {
      cookie: worker.cookie,
      json: { outcome: "sampled_elsewhere" },
    });
    const body = await expectJson<{ error: { details: { issues: { field: string }[] } } }>(res, 422);
    expect(body.error.details.issues.map((i) => i.field)).toEqual(["place"]);

    await postContact(t, worker.cookie, c, person(1), { outcome: "hospitalised", place: "省人民医院" });
    const changed = await expectJson<MissingUpdate>(
      await t.call("PUT", `/api/campaigns/${c}/exemptions/${person(1)}`, {
        cookie: worker.cookie,
        json: { reason: "sampled_elsewhere", place: "西安市雁塔区" },
      }),
      200,
    );
    expect(changed.person.exemption).toMatchObject({ reason: "sampled_elsewhere", place: "西安市雁塔区" });
    expect(changed.counts.exempted).toBe(1);
    expect((await figures()).grid.exempted).toBe(1);
    // "Other" needs a reason in the note.
    const other = await t.call("PUT", `/api/campaigns/${c}/exemptions/${person(2)}`, {
      cookie: worker.cookie,
      json: { reason: "other" },
    });
    expect(other.status).toBe(422);
    await t.call("DELETE", `/api/campaigns/${c}/exemptions/${person(1)}`, { cookie: worker.cookie });
  });

  it("counts a person exempted and then sampled as sampled, not exempted, and refuses to chase them", async () => {
    const c = round.campaignId;
    const before = await figures();
    await postContact(t, worker.cookie, c, person(3), { outcome: "away" });
    expect((await figures()).grid).toMatchObject({ exempted: before.grid.exempted + 1 });

    const station = makeStation(c, round.siteA);
    const tube = barcode();
    await postScans(t, registrar, station.stationId, [
      station.open(tube),
      station.bind(tube, { residentId: person(3) }),
    ]);
    await foldAllQueued(t.db); // the server's folder, a moment after the scan
    const after = await figures();
    expect(after.grid).toMatchObject({
      sampled: before.grid.sampled + 1,
      exempted: before.grid.exempted,
      missing: before.grid.missing - 1,
    });
    expect(await viewIds(t, worker.cookie, c, round.place.a.grid.id, "exempted")).not.toContain(person(3));
    expect(await viewIds(t, worker.cookie, c, round.place.a.grid.id, "missing")).not.toContain(person(3));

    const refused = await t.call("POST", `/api/campaigns/${c}/missing/${person(3)}/contacts`, {
      cookie: worker.cookie,
      json: { outcome: "will_come" },
    });
    expect(await expectJson(refused, 409)).toMatchObject({ error: { details: { code: "already_sampled" } } });
    const put = await t.call("PUT", `/api/campaigns/${c}/exemptions/${person(3)}`, {
      cookie: worker.cookie,
      json: { reason: "away" },
    });
    expect(put.status).toBe(409);
    // Cleaning up the stale exemption leaves the figures alone: the person counts as sampled.
    await expectJson(
      await t.call("DELETE", `/api/campaigns/${c}/exemptions/${person(3)}`, { cookie: worker.cookie }),
      200,
    );
    expect((await figures()).grid).toMatchObject({
      sampled: after.grid.sampled,
      exempted: after.grid.exempted,
    });
    const recount = await t.call("POST", `/api/campaigns/${c}/coverage/reconcile`, { cookie: round.officer });
    expect(await expectJson(recount, 200)).toMatchObject({ corrected: 0 });
  });
});

describe("revealing a phone and exporting the list", () => {
  it("shows a phone and ID number to call, in the audit log without the values; a medic is refused", async () => {
    const c = round.campaignId;
    const shown = await expectJson<MissingReveal>(
      await t.call("POST", `/api/campaigns/${c}/missing/${person(5)}/reveal`, { cookie: worker.cookie }),
      200,
    );
    const row = await t.db
      .selectFrom("residents")
      .select(["phone", "id_number"])
      .where("id", "=", person(5))
      .executeTakeFirstOrThrow();
    expect(shown).toEqual({ phone: row.phone, idNumber: row.id_number });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "user_id", "details"])
      .where("entity_id", "=", person(5))
      .execute();
    expect(audit).toEqual([expect.objectContaining({ action: "missing.reveal", user_id: worker.userId })]);
    expect(JSON.stringify(audit[0]?.details)).not.toContain(row.phone as string);
    expect(JSON.stringify(audit[0]?.details)).not.toContain(row.id_number);

    const medic = (await t.signIn("medic", round.place.a.community.id)).cookie;
    const denied = await t.call("POST", `/api/campaigns/${c}/missing/${person(5)}/reveal`, { cookie: medic });
    expect(denied.status).toBe(403);
    await getMissing(t, medic, c, {}, 403);
  });

  it("exports the grid's list masked, and unmasked only for a role that may", async () => {
    const c = round.campaignId;
    const read = async (cookie: string, unmasked: boolean) => {
      const res = await t.call("GET", `/api/campaigns/${c}/missing/export${unmasked ? "?unmasked=1" : ""}`, {
        cookie,
      });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const rows: string[][] = [];
      book.worksheets[0]?.eachRow((r) => {
        rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? "")));
      });
      return rows;
    };
    const list = await getMissing(t, worker.cookie, c);
    const masked = await read(worker.cookie, false);
    expect(masked.length).toBe(list.counts.missing + 1);
    expect(masked[0]?.slice(0, 4)).toEqual(["楼栋", "单元", "门牌号", "姓名"]);
    expect(masked[1]?.[3]).toMatch(/\*/);
    expect(masked[1]?.[6]).toMatch(/\*{4}/);

    const refused = await t.call("GET", `/api/campaigns/${c}/missing/export?unmasked=1`, {
      cookie: worker.cookie,
    });
    expect(refused.status).toBe(403);

    const secretary = (await t.signIn("community_secretary", round.place.a.community.id)).cookie;
    const noGrid = await t.call("GET", `/api/campaigns/${c}/missing/export`, { cookie: secretary });
    expect(noGrid.status).toBe(422);
    const res = await t.call(
      "GET",
      `/api/campaigns/${c}/missing/export?unmasked=1&gridId=${round.place.a.grid.id}`,
      { cookie: secretary },
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const first = list.items[0];
    const phone = await t.db
      .selectFrom("residents")
      .select("phone")
      .where("id", "=", first?.residentId as string)
      .executeTakeFirstOrThrow();
    expect(book.worksheets[0]?.getRow(2).getCell(7).value).toBe(phone.phone);
    const exports = await t.db
      .selectFrom("audit_log")
      .select(["details"])
      .where("action", "=", "missing.export")
      .execute();
    expect(exports.map((e) => e.details.unmasked)).toEqual([false, true]);
  });
});
