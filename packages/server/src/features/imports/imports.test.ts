import { maskIdNumber } from "@shequ/core/mask";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildResident, nextIdNumber, type RegionChain } from "../../test/factories";
import type { TestContext } from "../../test/test-context";
import {
  HEADER,
  idWithBirthDate,
  previewOf,
  readCsvResponse,
  readXlsxResponse,
  residentsWith,
  row,
  setUpImportTest,
  toCsv,
  upload,
  utf8,
  withWrongCheckDigit,
} from "./import-test-helpers";

let t: TestContext;
let a: RegionChain;
let b: RegionChain;
let secretaryA: { userId: string; cookie: string };

beforeAll(async () => {
  ({ t, a, b, secretaryA } = await setUpImportTest());
});
afterAll(() => t.close());

describe("preview", () => {
  it("lists every bad row with its row number, column and a reason, and imports nothing", async () => {
    const first = row({ 门牌号: "301" });
    const futureId = idWithBirthDate("2091-05-01", 7);
    const rows = [
      HEADER,
      first, // row 2: valid
      row({ 姓名: "" }), // 3
      row({ 证件号码: withWrongCheckDigit(nextIdNumber()) }), // 4
      row({ 证件号码: futureId }), // 5
      row({ 社区: "不存在社区" }), // 6
      row({ 网格: "第九网格" }), // 7
      row({ 手机号: "1381234567" }), // 8
      row({ 证件号码: first[2] as string }), // 9: same person as row 2
      row({ 标签: "卧床、外星人" }), // 10
      row({ 门牌号: "1".repeat(21) }), // 11
      row({ 证件类型: "驾驶证" }), // 12
      row({ 姓名: '=HYPERLINK("http://x")' }), // 13: valid, kept as text
      row({ 姓名: "名".repeat(51) }), // 14
      row({ 楼栋: "" }), // 15
      row({ 证件号码: "6.20102E+17" }), // 16
    ];
    const preview = await previewOf(await upload(t, secretaryA.cookie, "花名册.csv", utf8(toCsv(rows))));
    const found = preview.errors.map((e) => [e.row, e.column, e.reason]);
    expect(found).toEqual([
      [3, "姓名", "name_empty"],
      [4, "证件号码", "check_digit"],
      [5, "证件号码", "birth_date_future"],
      [6, "社区", "community_unknown"],
      [7, "网格", "grid_unknown"],
      [8, "手机号", "phone_length"],
      [9, "证件号码", "duplicate_in_file"],
      [10, "标签", "flags_unknown"],
      [11, "门牌号", "door_too_long"],
      [12, "证件类型", "id_type_unknown"],
      [14, "姓名", "name_too_long"],
      [15, "楼栋", "building_empty"],
      [16, "证件号码", "id_number_as_number"],
    ]);
    const duplicate = preview.errors.find((e) => e.row === 9);
    expect(duplicate?.message).toContain("第2行");
    expect(duplicate?.messageEn).toContain("row 2");
    // ID numbers are masked in the report; long values are cut.
    expect(preview.errors.find((e) => e.row === 5)?.value).toBe(maskIdNumber(futureId));
    expect(preview.errors.find((e) => e.row === 14)?.value.length).toBeLessThanOrEqual(51);
    expect(preview.errors.find((e) => e.row === 10)?.message).toContain("外星人");
    expect(preview).toMatchObject({
      format: "csv",
      totalRows: 15,
      validRows: 2,
      rejectedRows: 13,
      inserts: 2,
      updates: 0,
      creates: { buildings: 1, units: 1, households: 2 },
      missingFields: [],
    });
    expect(await residentsWith(t.db, [first[2] as string])).toHaveLength(0);
  });

  it("refuses files it cannot read with a 4xx and a reason, never a 500", async () => {
    const cases: [string, Uint8Array, number][] = [
      ["empty.csv", new Uint8Array(0), 400],
      ["header.csv", utf8(HEADER.join(",")), 400],
      ["photo.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 400],
      ["old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 400],
      ["broken.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]), 400],
    ];
    for (const [name, bytes, status] of cases) {
      const res = await upload(t, secretaryA.cookie, name, bytes);
      expect(res.status, name).toBe(status);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message.length, name).toBeGreaterThan(10);
    }
    const noFile = await t.call("POST", "/api/imports", { cookie: secretaryA.cookie, body: new FormData() });
    expect(noFile.status).toBe(400);
  });

  it("is for roles that may import, and a job is its uploader's alone", async () => {
    const grid = await t.signIn("grid_worker", a.grid.id);
    const refused = await upload(t, grid.cookie, "a.csv", utf8(toCsv([HEADER, row()])));
    expect(refused.status).toBe(403);
    const preview = await previewOf(
      await upload(t, secretaryA.cookie, "a.csv", utf8(toCsv([HEADER, row()]))),
    );
    const other = await t.signIn("community_secretary", a.community.id);
    expect(
      (await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: other.cookie })).status,
    ).toBe(404);
    const mine = (await (await t.call("GET", "/api/imports", { cookie: secretaryA.cookie })).json()) as {
      items: { id: string }[];
    };
    expect(mine.items.map((i) => i.id)).toContain(preview.jobId);
    const theirs = (await (await t.call("GET", "/api/imports", { cookie: other.cookie })).json()) as {
      items: { id: string }[];
    };
    expect(theirs.items.map((i) => i.id)).not.toContain(preview.jobId);
  });
});

describe("commit", () => {
  it("imports the valid rows; the rejected-rows file holds exactly the bad rows with reasons", async () => {
    const good = [
      row({ 姓名: "张桂兰", 门牌号: "101", 标签: "卧床" }),
      row({ 姓名: "王德明", 门牌号: "101" }),
    ];
    const bad = [row({ 姓名: "", 门牌号: "102" }), row({ 证件号码: withWrongCheckDigit(nextIdNumber()) })];
    const rows = [HEADER, good[0] as string[], bad[0] as string[], good[1] as string[], bad[1] as string[]];
    const preview = await previewOf(await upload(t, secretaryA.cookie, "第二批.csv", utf8(toCsv(rows))));
    expect(preview.rejectedRows).toBe(2);

    const res = await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ inserted: 2, updated: 0, rejected: 2 });

    const people = await residentsWith(
      t.db,
      good.map((g) => g[2] as string),
    );
    expect(people.map((p) => p.name).sort()).toEqual(["张桂兰", "王德明"].sort());
    expect(new Set(people.map((p) => p.household_id)).size).toBe(1); // same door, one household
    expect(people.find((p) => p.name === "张桂兰")?.flags).toEqual(["bedridden"]);
    expect(people.every((p) => p.community_id === a.community.id && p.grid_id === a.grid.id)).toBe(true);

    const csv = await t.call("GET", `/api/imports/${preview.jobId}/rejected?format=csv`, {
      cookie: secretaryA.cookie,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const file = await readCsvResponse(csv);
    expect(file.bom).toBe(true);
    expect(file.rows[0]).toEqual([...HEADER, "错误原因"]);
    expect(file.rows.slice(1).map((r) => r.slice(0, HEADER.length))).toEqual(bad);
    expect(file.rows[1]?.[HEADER.length]).toContain("请填写姓名");
    expect(file.rows[2]?.[HEADER.length]).toContain("校验位");

    const xlsx = await t.call("GET", `/api/imports/${preview.jobId}/rejected?format=xlsx`, {
      cookie: secretaryA.cookie,
    });
    const sheet = await readXlsxResponse(xlsx);
    expect(sheet).toHaveLength(3);
    expect(sheet[2]?.[2]).toBe(bad[1]?.[2]);

    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "import.commit")
      .where("entity_id", "=", preview.jobId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ inserted: 2, updated: 0, rejected: 2 });
    expect(JSON.stringify(audit[0]?.details)).not.toContain(good[0]?.[2] as string);

    const again = await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie });
    expect(again.status).toBe(409);
  });

  it("re-importing a corrected file updates people by ID number and never duplicates them", async () => {
    const rows = [row({ 门牌号: "201" }), row({ 门牌号: "202" }), row({ 门牌号: "203" })];
    const ids = rows.map((r) => r[2] as string);
    const first = await previewOf(
      await upload(t, secretaryA.cookie, "v1.csv", utf8(toCsv([HEADER, ...rows]))),
    );
    // A commit may carry the mapping in its body, as the mapping screen sends it.
    const committed = await t.call("POST", `/api/imports/${first.jobId}/commit`, {
      cookie: secretaryA.cookie,
      json: { mapping: { 手机号: "phone" } },
    });
    expect(await committed.json()).toMatchObject({ inserted: 3 });

    const corrected = rows.map((r, i) => (i === 0 ? [...r.slice(0, 3), "13999998888", ...r.slice(4)] : r));
    const second = await previewOf(
      await upload(t, secretaryA.cookie, "v2.csv", utf8(toCsv([HEADER, ...corrected]))),
    );
    expect(second).toMatchObject({
      inserts: 0,
      updates: 3,
      creates: { buildings: 0, units: 0, households: 0 },
    });
    const res = await t.call("POST", `/api/imports/${second.jobId}/commit`, { cookie: secretaryA.cookie });
    expect(await res.json()).toMatchObject({ inserted: 0, updated: 3 });

    const people = await residentsWith(t.db, ids);
    expect(people).toHaveLength(3);
    const changed = people.find((p) => p.id_number === ids[0]);
    expect(changed?.phone).toBe("13999998888");
    expect(changed?.version).toBe(2);
  });

  it("maps an unknown header with the user's mapping", async () => {
    const header = HEADER.map((h) => (h === "姓名" ? "户主姓名" : h));
    const data = [row({ 门牌号: "601" })];
    const preview = await previewOf(
      await upload(t, secretaryA.cookie, "m.csv", utf8(toCsv([header, ...data]))),
    );
    expect(preview.missingFields).toEqual(["name"]);
    expect(preview.unmappedHeaders).toEqual(["户主姓名"]);
    expect(preview.totalRows).toBe(1);
    expect(
      (await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie })).status,
    ).toBe(422);

    const mapped = await t.call("POST", `/api/imports/${preview.jobId}/preview`, {
      cookie: secretaryA.cookie,
      json: { mapping: { 户主姓名: "name" } },
    });
    const again = await previewOf(mapped);
    expect(again).toMatchObject({ missingFields: [], validRows: 1, mapping: { 户主姓名: "name" } });
    const res = await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie });
    expect(await res.json()).toMatchObject({ inserted: 1 });
    expect((await residentsWith(t.db, [data[0]?.[2] as string]))[0]?.name).toBe("雷敏");
  });

  it("a community's secretary cannot import into another community, nor take over its residents", async () => {
    const inB = await buildResident(t.db, b, { name: "酒泉路居民" });
    const rows = [
      row({ 门牌号: "701" }),
      row({ 社区: "酒泉路社区", 门牌号: "702" }),
      row({ 证件号码: inB.id_number, 姓名: "冒名", 门牌号: "703" }),
    ];
    const preview = await previewOf(
      await upload(t, secretaryA.cookie, "b.csv", utf8(toCsv([HEADER, ...rows]))),
    );
    expect(preview.errors.map((e) => [e.row, e.reason])).toEqual([
      [3, "community_unknown"],
      [4, "registered_elsewhere"],
    ]);
    const res = await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie });
    expect(await res.json()).toMatchObject({ inserted: 1, rejected: 2 });
    const untouched = await t.db
      .selectFrom("residents")
      .selectAll()
      .where("id", "=", inB.id)
      .executeTakeFirst();
    expect(untouched).toMatchObject({ name: "酒泉路居民", community_id: b.community.id, version: 1 });
    expect(await residentsWith(t.db, [rows[1]?.[2] as string])).toHaveLength(0);
  });

  it("leaves nothing behind when the commit fails part-way", async () => {
    await sql`create function fail_on_boom() returns trigger language plpgsql as $$
      begin if new.name = '爆炸' then raise exception 'injected failure'; end if; return new; end $$`.execute(
      t.db,
    );
    await sql`create trigger fail_on_boom before insert on residents for each row execute function fail_on_boom()`.execute(
      t.db,
    );
    try {
      const rows = [
        row({ 楼栋: "99号楼", 门牌号: "101" }),
        row({ 楼栋: "99号楼", 门牌号: "102" }),
        row({ 姓名: "爆炸", 楼栋: "99号楼", 门牌号: "103" }),
      ];
      const preview = await previewOf(
        await upload(t, secretaryA.cookie, "c.csv", utf8(toCsv([HEADER, ...rows]))),
      );
      expect(preview.validRows).toBe(3);
      const res = await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie });
      expect(res.status).toBe(500);
      expect(
        await residentsWith(
          t.db,
          rows.map((r) => r[2] as string),
        ),
      ).toHaveLength(0);
      const building = await t.db.selectFrom("regions").select("id").where("name", "=", "99号楼").execute();
      expect(building).toHaveLength(0);
      const job = await t.db
        .selectFrom("import_jobs")
        .select(["status", "error"])
        .where("id", "=", preview.jobId)
        .executeTakeFirstOrThrow();
      expect(job.status).toBe("previewed");
      expect(job.error).toBeTruthy();
      const audit = await t.db
        .selectFrom("audit_log")
        .select("id")
        .where("entity_id", "=", preview.jobId)
        .execute();
      expect(audit).toHaveLength(0);
    } finally {
      await sql`drop trigger fail_on_boom on residents`.execute(t.db);
      await sql`drop function fail_on_boom()`.execute(t.db);
    }
  });

  it("discarding drops the file: nothing can be committed afterwards", async () => {
    const preview = await previewOf(
      await upload(t, secretaryA.cookie, "d.csv", utf8(toCsv([HEADER, row()]))),
    );
    const res = await t.call("POST", `/api/imports/${preview.jobId}/discard`, { cookie: secretaryA.cookie });
    expect(await res.json()).toEqual({ status: "discarded" });
    const file = await t.db
      .selectFrom("import_jobs")
      .select("file")
      .where("id", "=", preview.jobId)
      .executeTakeFirst();
    expect(file?.file).toBeNull();
    expect(
      (await t.call("POST", `/api/imports/${preview.jobId}/commit`, { cookie: secretaryA.cookie })).status,
    ).toBe(409);
  });
});
