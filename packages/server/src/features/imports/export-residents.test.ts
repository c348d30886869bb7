import { maskIdNumber } from "@shequ/core/mask";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildResident, type RegionChain } from "../../test/factories";
import type { TestContext } from "../../test/test-context";
import {
  HEADER,
  previewOf,
  readCsvResponse,
  row,
  setUpImportTest,
  toCsv,
  upload,
  utf8,
} from "./import-test-helpers";

let t: TestContext;
let a: RegionChain;
let b: RegionChain;
let secretaryA: { userId: string; cookie: string };

beforeAll(async () => {
  ({ t, a, b, secretaryA } = await setUpImportTest());
});
afterAll(() => t.close());

describe("export", () => {
  it("masks ID numbers and phones unless the role may export them unmasked; every export is audited", async () => {
    const person = await buildResident(t.db, a, { name: "导出人", phone: "13712345678" });
    const grid = await t.signIn("grid_worker", a.grid.id);
    const masked = await readCsvResponse(
      await t.call("GET", "/api/imports/export/residents?format=csv&q=导出人", { cookie: grid.cookie }),
    );
    expect(masked.rows[0]).toEqual(HEADER);
    expect(masked.rows[1]?.slice(0, 4)).toEqual([
      "导出人",
      "居民身份证",
      maskIdNumber(person.id_number),
      "137****5678",
    ]);

    const refused = await t.call("GET", "/api/imports/export/residents?format=csv&unmasked=1", {
      cookie: grid.cookie,
    });
    expect(refused.status).toBe(403);

    const full = await readCsvResponse(
      await t.call("GET", "/api/imports/export/residents?format=csv&unmasked=1&q=导出人", {
        cookie: secretaryA.cookie,
      }),
    );
    expect(full.rows[1]?.slice(2, 4)).toEqual([person.id_number, "13712345678"]);

    const audits = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "resident.export")
      .where("user_id", "in", [grid.userId, secretaryA.userId])
      .execute();
    expect(audits.map((x) => x.details.unmasked).sort()).toEqual([false, true]);
    expect(audits.every((x) => x.details.count === 1)).toBe(true);
  });

  it("exports only the residents in the user's scope", async () => {
    await buildResident(t.db, b, { name: "外社区人" });
    const rows = await readCsvResponse(
      await t.call("GET", "/api/imports/export/residents?format=csv", { cookie: secretaryA.cookie }),
    );
    expect(rows.rows.length).toBeGreaterThan(1);
    expect(rows.rows.slice(1).every((r) => r[4] === "杨家园社区")).toBe(true);
    const other = await t.call("GET", `/api/imports/export/residents?format=csv&regionId=${b.community.id}`, {
      cookie: secretaryA.cookie,
    });
    expect(other.status).toBe(404);
  });

  it("round-trips: an unmasked export re-imports as updates of the same people, unchanged", async () => {
    const unitKey = { 楼栋: "8号楼", 单元: "2单元" };
    const rows = [
      row({ ...unitKey, 门牌号: "1001", 标签: "独居老人、残疾" }),
      row({ ...unitKey, 门牌号: "1002", 手机号: "", 姓名: "+1 不是公式" }),
      row({ ...unitKey, 门牌号: "1002", 证件类型: "护照", 证件号码: "E12345678" }),
    ];
    const first = await previewOf(
      await upload(t, secretaryA.cookie, "r.csv", utf8(toCsv([HEADER, ...rows]))),
    );
    await t.call("POST", `/api/imports/${first.jobId}/commit`, { cookie: secretaryA.cookie });
    const before = await t.db
      .selectFrom("residents")
      .selectAll()
      .where("building_id", "is not", null)
      .execute();
    const building = await t.db
      .selectFrom("regions")
      .select("id")
      .where("name", "=", "8号楼")
      .executeTakeFirstOrThrow();

    for (const format of ["xlsx", "csv"] as const) {
      const res = await t.call(
        "GET",
        `/api/imports/export/residents?format=${format}&unmasked=1&regionId=${building.id}`,
        {
          cookie: secretaryA.cookie,
        },
      );
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const preview = await previewOf(await upload(t, secretaryA.cookie, `export.${format}`, bytes));
      expect(preview).toMatchObject({ totalRows: 3, rejectedRows: 0, updates: 3, inserts: 0 });
      const commit = await t.call("POST", `/api/imports/${preview.jobId}/commit`, {
        cookie: secretaryA.cookie,
      });
      expect(await commit.json()).toMatchObject({ inserted: 0, updated: 3 });
    }
    const after = await t.db
      .selectFrom("residents")
      .selectAll()
      .where("building_id", "=", building.id)
      .execute();
    expect(after).toHaveLength(3);
    const pick = (r: (typeof before)[number]) => [
      r.id,
      r.name,
      r.id_type,
      r.id_number,
      r.phone,
      r.flags,
      r.household_id,
    ];
    const beforeHere = before.filter((r) => r.building_id === building.id);
    expect(after.map(pick).sort()).toEqual(beforeHere.map(pick).sort());
    expect(after.find((r) => r.name === "+1 不是公式")).toBeTruthy();
  });
});
