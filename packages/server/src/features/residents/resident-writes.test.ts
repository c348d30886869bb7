import { cnIdCheckDigit } from "@shequ/core/id-number";
import { maskIdNumber, maskPhone } from "@shequ/core/mask";
import type { HouseholdDetail, ResidentDetail, ResidentListPage } from "@shequ/core/resident-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildNeighbour,
  buildRegionChain,
  buildResident,
  nextIdNumber,
  type RegionChain,
} from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
let a: RegionChain;
let cookie: string;
let userId: string;
beforeAll(async () => {
  t = await createTestContext();
  a = await buildRegionChain(t.db, { names: { building: "3号楼", unit: "2单元" } });
  ({ cookie, userId } = await t.signIn("grid_worker", a.grid.id));
});
afterAll(() => t.close());

const auditOf = (entityId: string) =>
  t.db.selectFrom("audit_log").selectAll().where("entity_id", "=", entityId).orderBy("at").execute();

/** A well-formed number whose last character is not the check character. */
function withWrongCheckDigit(idNumber: string): string {
  const right = cnIdCheckDigit(idNumber.slice(0, 17));
  return idNumber.slice(0, 17) + (right === "1" ? "2" : "1");
}

describe("registering a resident", () => {
  it("creates the household, derives birth date and sex from the ID number, masks the answer and audits", async () => {
    const idNumber = nextIdNumber({ birthDate: "1954-06-01" });
    const res = await t.call("POST", "/api/residents", {
      cookie,
      json: {
        name: " 张桂兰 ",
        idType: "cn_id",
        idNumber: idNumber.toLowerCase(),
        phone: "+86 139-1234-5678",
        flags: ["cannot_walk"],
        unitId: a.unit.id,
        door: " 3-2-502 ",
      },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as ResidentDetail;
    expect(created).toMatchObject({
      name: "张桂兰",
      idNumberMasked: maskIdNumber(idNumber),
      phoneMasked: maskPhone("13912345678"),
      birthDate: "1954-06-01",
      sex: Number(idNumber[16]) % 2 === 1 ? "M" : "F",
      door: "3-2-502",
      flags: ["cannot_walk"],
      version: 1,
      addressIds: { unitId: a.unit.id, gridId: a.grid.id },
    });
    const stored = await t.db
      .selectFrom("residents")
      .select(["id_number", "phone"])
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ id_number: idNumber, phone: "13912345678" });
    const [audit] = await auditOf(created.id);
    expect(audit).toMatchObject({ user_id: userId, action: "resident.create" });
    expect(JSON.stringify(audit?.details)).not.toContain(idNumber);

    const spouse = await t.call("POST", "/api/residents", {
      cookie,
      json: { name: "李建国", idNumber: nextIdNumber(), unitId: a.unit.id, door: "3-2-502" },
    });
    const spouseBody = (await spouse.json()) as ResidentDetail;
    expect(spouseBody.householdId).toBe(created.householdId);
    expect(spouseBody.householdMembers.map((m) => m.id)).toEqual([created.id]);
  });

  it("refuses a wrong check digit with 422 on field idNumber, reason check_digit", async () => {
    const res = await t.call("POST", "/api/residents", {
      cookie,
      json: {
        name: "错号",
        idType: "cn_id",
        idNumber: withWrongCheckDigit(nextIdNumber()),
        unitId: a.unit.id,
        door: "101",
      },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { issues: unknown[] } } };
    expect(body.error.code).toBe("validation");
    expect(body.error.details.issues).toEqual([
      { field: "idNumber", reason: "check_digit", message: expect.stringMatching(/check digit/) },
    ]);
  });

  it("refuses a malformed phone with 422 on field phone", async () => {
    const res = await t.call("POST", "/api/residents", {
      cookie,
      json: { name: "错电话", idNumber: nextIdNumber(), phone: "1234", unitId: a.unit.id, door: "101" },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { details: { issues: [{ field: "phone", reason: "length" }] } },
    });
  });

  it("answers 409 for a duplicate ID number, with the existing id only when it is in scope", async () => {
    const existing = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const dup = await t.call("POST", "/api/residents", {
      cookie,
      json: { name: "重复", idNumber: existing.id_number, unitId: a.unit.id, door: "101" },
    });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({
      error: { code: "conflict", details: { residentId: existing.id } },
    });

    const neighbour = await buildNeighbour(t.db, a, "community");
    const hidden = await buildResident(t.db, neighbour, { idNumber: nextIdNumber() });
    const dupHidden = await t.call("POST", "/api/residents", {
      cookie,
      json: { name: "重复", idNumber: hidden.id_number, unitId: a.unit.id, door: "101" },
    });
    expect(dupHidden.status).toBe(409);
    expect(JSON.stringify(await dupHidden.json())).not.toContain(hidden.id);
  });

  it("refuses creation to a role without resident.write", async () => {
    const medic = (await t.signIn("medic", a.grid.id)).cookie;
    const res = await t.call("POST", "/api/residents", {
      cookie: medic,
      json: { name: "无权", idNumber: nextIdNumber(), unitId: a.unit.id, door: "101" },
    });
    expect(res.status).toBe(403);
  });
});

describe("viewing and revealing", () => {
  it("shows the detail masked and reveals the real values only through an audited call", async () => {
    const r = await buildResident(t.db, a, { phone: "13600001111", idNumber: nextIdNumber() });
    const detail = await t.call("GET", `/api/residents/${r.id}`, { cookie });
    const text = await detail.text();
    expect(text).not.toContain(r.id_number);
    expect(text).not.toContain("13600001111");

    const before = Date.now();
    const res = await t.call("POST", `/api/residents/${r.id}/reveal`, {
      cookie,
      json: { fields: ["idNumber", "phone"] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ idNumber: r.id_number, phone: "13600001111" });
    const [audit] = await auditOf(r.id);
    expect(audit).toMatchObject({
      user_id: userId,
      action: "resident.reveal",
      entity_type: "resident",
      entity_id: r.id,
      details: { fields: ["idNumber", "phone"] },
    });
    expect(new Date(audit?.at ?? 0).getTime()).toBeGreaterThanOrEqual(before - 5_000);

    const onlyPhone = await t.call("POST", `/api/residents/${r.id}/reveal`, {
      cookie,
      json: { fields: ["phone"] },
    });
    expect(await onlyPhone.json()).toEqual({ phone: "13600001111" });
    const medic = (await t.signIn("medic", a.grid.id)).cookie;
    const refused = await t.call("POST", `/api/residents/${r.id}/reveal`, {
      cookie: medic,
      json: { fields: ["phone"] },
    });
    expect(refused.status).toBe(403);
  });

  it("shows a household with its address and masked residents", async () => {
    const r = await buildResident(t.db, a, { door: "3-2-1201", idNumber: nextIdNumber() });
    const res = await t.call("GET", `/api/households/${r.household_id}`, { cookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as HouseholdDetail;
    expect(body).toMatchObject({
      door: "3-2-1201",
      address: { unit: { id: a.unit.id, name: "2单元" }, building: { name: "3号楼" } },
      residents: [{ id: r.id, idNumberMasked: maskIdNumber(r.id_number) }],
    });
  });
});

describe("editing", () => {
  it("saves with the loaded version, refuses a stale one with 409, and audits field names only", async () => {
    const r = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const ok = await t.call("PATCH", `/api/residents/${r.id}`, {
      cookie,
      json: { version: 1, name: "新名字", note: "腿脚不便", phone: null },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      name: "新名字",
      note: "腿脚不便",
      phoneMasked: null,
      version: 2,
    });

    const stale = await t.call("PATCH", `/api/residents/${r.id}`, {
      cookie,
      json: { version: 1, name: "覆盖" },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      error: { code: "conflict", details: { reason: "stale_version" } },
    });

    const audit = await auditOf(r.id);
    expect(audit.map((x) => [x.action, x.details])).toEqual([
      ["resident.update", { fields: ["name", "phone", "note"] }],
    ]);
  });

  it("moves a resident to another unit and door, rewriting household and address", async () => {
    const other = await buildNeighbour(t.db, a, "grid", { building: "1号楼", unit: "1单元" });
    const r = await buildResident(t.db, a, { door: "3-2-301", idNumber: nextIdNumber() });
    const res = await t.call("PATCH", `/api/residents/${r.id}`, {
      cookie,
      json: { version: 1, unitId: other.unit.id, door: "1-1-101" },
    });
    expect(res.status).toBe(200);
    const moved = (await res.json()) as ResidentDetail;
    expect(moved.address.endsWith("1号楼 1单元 1-1-101")).toBe(true);
    expect(moved.householdId).not.toBe(r.household_id);
    const row = await t.db
      .selectFrom("residents")
      .selectAll()
      .where("id", "=", r.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit_id: other.unit.id, building_id: other.building.id, grid_id: a.grid.id });
    const list = (await (
      await t.call("GET", `/api/residents?regionId=${other.building.id}`, { cookie })
    ).json()) as ResidentListPage;
    expect(list.items.map((i) => i.id)).toEqual([r.id]);
    const [audit] = await auditOf(r.id);
    expect(audit?.details).toEqual({ fields: ["unitId", "door"] });
  });

  it("re-checks a changed ID number and refuses one held by someone else", async () => {
    const r = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const other = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const bad = await t.call("PATCH", `/api/residents/${r.id}`, {
      cookie,
      json: { version: 1, idNumber: withWrongCheckDigit(r.id_number) },
    });
    expect(bad.status).toBe(422);
    const taken = await t.call("PATCH", `/api/residents/${r.id}`, {
      cookie,
      json: { version: 1, idNumber: other.id_number },
    });
    expect(taken.status).toBe(409);
  });
});

describe("moving out and back", () => {
  it("moves out with a date and reason kept in the note, then back in", async () => {
    const r = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const out = await t.call("POST", `/api/residents/${r.id}/move-out`, {
      cookie,
      json: { date: "2026-11-20", reason: "随子女居住" },
    });
    expect(out.status).toBe(200);
    const body = (await out.json()) as ResidentDetail;
    expect(body.status).toBe("moved_out");
    expect(body.note).toContain("2026-11-20 迁出：随子女居住");
    expect(body.movedOutAt).toBe(new Date("2026-11-20T00:00:00+08:00").toISOString());
    const again = await t.call("POST", `/api/residents/${r.id}/move-out`, { cookie, json: {} });
    expect(again.status).toBe(409);

    const back = await t.call("POST", `/api/residents/${r.id}/move-in`, { cookie });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: "active", movedOutAt: null });
    const audit = await auditOf(r.id);
    expect(audit.map((x) => x.action)).toEqual(["resident.move_out", "resident.move_in"]);
    expect(JSON.stringify(audit.map((x) => x.details))).not.toContain("随子女");
  });

  it("refuses a move-out date in the future", async () => {
    const r = await buildResident(t.db, a, { idNumber: nextIdNumber() });
    const res = await t.call("POST", `/api/residents/${r.id}/move-out`, {
      cookie,
      json: { date: "2999-01-01" },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { details: { issues: [{ field: "date", reason: "date_future" }] } },
    });
  });
});
