import { maskName } from "@shequ/core/mask";
import {
  decodeBase64Url,
  encodeBase64Url,
  tokenKeyFromSecret,
  verifyResidentToken,
} from "@shequ/core/resident-token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { utc } from "../campaigns/campaign-test-kit";
import type {
  BuildingSheet,
  HouseholdNotice,
  NoticeBuildingList,
  NoticeHouseholdItem,
  NoticeHouseholdPage,
} from "./notice-schema";
import { expectJson, type ScheduledRound, scheduleRound } from "./notice-test-kit";
import { loadTokenKey } from "./token-key";

let t: TestContext;
let round: ScheduledRound;
let base: string;
let gridWorker: string;
let strangerWorker: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await scheduleRound(t);
  base = `/api/campaigns/${round.campaignId}`;
  gridWorker = (await t.signIn("grid_worker", round.place.a.grid.id)).cookie;
  const otherGrid = await buildNeighbour(t.db, round.place.a, "community");
  strangerWorker = (await t.signIn("grid_worker", otherGrid.grid.id)).cookie;
});
afterAll(() => t.close());

const get = <T>(path: string, cookie: string, status = 200) =>
  t.call("GET", path, { cookie }).then((res) => expectJson<T>(res, status));

describe("printable notices", () => {
  it("lists the buildings in door order with their point and hours", async () => {
    const { items } = await get<NoticeBuildingList>(`${base}/buildings`, gridWorker);
    expect(items.map((b) => [b.name, b.households, b.people, b.siteName])).toEqual([
      ["1号楼", 22, 42, "杨家园小学操场"],
      ["2号楼", 20, 40, "杨家园小学操场"],
    ]);
    expect(items[0]?.firstSlot).toBe(utc("08:00"));
    expect(items[0]?.gridName).toBe(round.place.a.grid.name);
  });

  it("gives a building's door sheet with doors and hours but no name, phone or ID number", async () => {
    const sheet = await get<BuildingSheet>(
      `${base}/buildings/${round.place.a.building.id}/sheet`,
      gridWorker,
    );
    expect(sheet.building).toEqual({
      id: round.place.a.building.id,
      name: "1号楼",
      communityName: round.place.a.community.name,
      gridName: round.place.a.grid.name,
    });
    expect(sheet.sites).toEqual([
      expect.objectContaining({ name: "杨家园小学操场", address: "酒泉路123号" }),
    ]);
    expect(sheet.bring).toContain("身份证件或个人二维码");
    expect(sheet.rows.map((r) => r.door)).toEqual([...Array.from({ length: 22 }, (_, i) => String(101 + i))]);
    expect(sheet.rows.find((r) => r.door === "121")).toMatchObject({
      homeVisit: true,
      site: null,
      startsAt: null,
    });
    expect(sheet.rows[0]).toMatchObject({
      unit: "1单元",
      people: 2,
      startsAt: utc("08:00"),
      endsAt: utc("09:00"),
    });
    const residents = await t.db
      .selectFrom("residents")
      .select(["name", "phone", "id_number"])
      .where("building_id", "=", round.place.a.building.id)
      .execute();
    const text = JSON.stringify(sheet);
    for (const r of residents) {
      expect(text).not.toContain(r.name);
      expect(text).not.toContain(r.id_number);
      if (r.phone) expect(text).not.toContain(r.phone);
    }
  });

  it("prints a building's notices with masked names and signed tokens, and audits the print", async () => {
    const { items } = await get<{ items: HouseholdNotice[] }>(
      `${base}/buildings/${round.place.b.building.id}/notices`,
      gridWorker,
    );
    expect(items).toHaveLength(20);
    const door117 = items.find((n) => n.householdId === round.place.householdsB[16]) as HouseholdNotice;
    expect(door117.address).toBe("2号楼 1单元 117");
    expect(door117.text).toContain("12:00–13:00");
    expect(door117.text).toContain("杨家园小学操场");
    expect(door117.slot).toEqual({ startsAt: utc("12:00"), endsAt: utc("13:00") });
    expect(door117.residents).toHaveLength(2);
    const names = await t.db
      .selectFrom("residents")
      .select(["id", "name"])
      .where("household_id", "=", door117.householdId)
      .execute();
    for (const r of door117.residents) {
      const name = names.find((n) => n.id === r.residentId)?.name as string;
      expect(r.name).toBe(maskName(name));
      expect(r.name).not.toBe(name);
    }
    const mixed = items.find((n) => n.householdId === round.place.householdsB[19]) as HouseholdNotice;
    expect(mixed).toMatchObject({ homeVisit: true, status: "pending" });
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "notice.print")
      .where("entity_id", "=", round.place.b.building.id)
      .execute();
    expect(audit[0]?.details).toMatchObject({ campaignId: round.campaignId, households: 20, residents: 40 });
  });

  it("signs tokens that verify with the published public key and fail when one character changes", async () => {
    const notice = await get<HouseholdNotice>(
      `${base}/households/${round.place.householdsA[0]}/notice`,
      gridWorker,
    );
    const published = await get<{ keyId: string; publicKey: string }>("/api/token-key", gridWorker);
    const key = { keyId: published.keyId, publicKey: decodeBase64Url(published.publicKey) as Uint8Array };
    const resident = notice.residents[0] as HouseholdNotice["residents"][number];
    const checked = verifyResidentToken(resident.token, key);
    expect(checked).toMatchObject({
      ok: true,
      payload: {
        residentId: resident.residentId,
        householdId: notice.householdId,
        campaignId: round.campaignId,
      },
    });
    const at = 20;
    const changed =
      resident.token.slice(0, at) + (resident.token[at] === "A" ? "B" : "A") + resident.token.slice(at + 1);
    expect(verifyResidentToken(changed, key).ok).toBe(false);
    // The key stays the same across requests: printed slips keep verifying.
    expect(await get<{ keyId: string }>("/api/token-key", round.officer)).toEqual(published);
  });

  it("signs with SHEQU_TOKEN_KEY when it is set, and keeps the stored key when it is not", async () => {
    const secret = new Uint8Array(32).fill(42);
    const configured = await loadTokenKey(t.db, { SHEQU_TOKEN_KEY: encodeBase64Url(secret) });
    expect(configured.keyId).toBe(tokenKeyFromSecret(secret).keyId);
    const stored = await loadTokenKey(t.db, {});
    expect(stored.keyId).not.toBe(configured.keyId);
    const rows = await t.db.selectFrom("token_keys").select("key_id").execute();
    expect(rows.map((r) => r.key_id)).toEqual([stored.keyId]);
  });

  it("tells a household visited only at home to wait for the medic", async () => {
    const notice = await get<HouseholdNotice>(
      `${base}/households/${round.place.bedriddenOnly}/notice`,
      gridWorker,
    );
    expect(notice).toMatchObject({ homeVisit: true, site: null, slot: null });
    expect(notice.text).toContain("上门采样");
  });
});

describe("area checks", () => {
  it("answers 404 to a grid worker of another grid for a household or building outside it", async () => {
    const household = round.place.householdsA[0] as string;
    const building = round.place.a.building.id;
    for (const path of [
      `${base}/households/${household}/notice`,
      `${base}/buildings/${building}/sheet`,
      `${base}/buildings/${building}/notices`,
    ]) {
      expect((await t.call("GET", path, { cookie: strangerWorker })).status).toBe(404);
    }
    const tick = await t.call("PUT", `${base}/households/${household}/notice-status`, {
      cookie: strangerWorker,
      json: { status: "notified" },
    });
    expect(tick.status).toBe(404);
    const { items } = await get<NoticeBuildingList>(`${base}/buildings`, strangerWorker);
    expect(items).toEqual([]);
  });

  it("lets a registrar read the door sheet but not print tokens or tick households", async () => {
    const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
    await get<BuildingSheet>(`${base}/buildings/${round.place.a.building.id}/sheet`, registrar);
    const notice = await t.call("GET", `${base}/households/${round.place.householdsA[0]}/notice`, {
      cookie: registrar,
    });
    expect(notice.status).toBe(403);
  });
});

describe("ticking households off by phone", () => {
  it("records notified or unreachable with a note, audited without the note", async () => {
    const household = round.place.householdsA[1] as string;
    const row = await expectJson<NoticeHouseholdItem>(
      await t.call("PUT", `${base}/households/${household}/notice-status`, {
        cookie: gridWorker,
        json: { status: "unreachable", note: "电话无人接听，明早上门" },
      }),
      200,
    );
    expect(row).toMatchObject({
      householdId: household,
      status: "unreachable",
      note: "电话无人接听，明早上门",
    });
    expect(row.phones).toHaveLength(2);
    for (const p of row.phones) expect(p).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "notice.status")
      .where("entity_id", "=", household)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).not.toContain("无人接听");

    const page = await get<NoticeHouseholdPage>(`${base}/notices/households?status=unreachable`, gridWorker);
    expect(page.items.map((i) => i.householdId)).toEqual([household]);
    expect(page.total).toBe(1);
    const all = await get<NoticeHouseholdPage>(`${base}/notices/households?pageSize=5&page=2`, gridWorker);
    expect(all).toMatchObject({ total: 42 });
    expect(all.items.map((i) => i.address)).toEqual([106, 107, 108, 109, 110].map((d) => `1号楼 1单元 ${d}`));
  });
});
