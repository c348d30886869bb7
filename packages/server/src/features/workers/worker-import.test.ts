import type { WorkerListPage } from "@shequ/core/worker-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";

let t: TestContext;
let a: RegionChain;
let secretary: string;

beforeAll(async () => {
  t = await createTestContext();
  a = await buildRegionChain(t.db);
  secretary = (await t.signIn("community_secretary", a.community.id)).cookie;
});
afterAll(() => t.close());

const CSV = [
  "杨家园社区抗疫人员名单",
  "姓名,手机号,来源,派出单位,医院,城市,资质,紧急联系人,紧急联系电话,可服务时间",
  "张卫国,13809310001,下沉干部,城关区税务局,,,党员、驾驶员,,, 2026-11-29 08:00-12:00；2026-11-29 20:00-02:00",
  "李芳,13809310002,医护人员,,省人民医院,兰州,医护采样资质,李父,0931-8123456,",
  "王五,1380931,志愿者,,,,,,,",
  "赵六,13809310004,外星人,,,,会飞,,,",
  "孙七,13809310001,志愿者,,,,,,,",
  "周八,13809310005,,,,,,,,明天",
].join("\r\n");

function upload(path: string, csv: string) {
  const form = new FormData();
  form.set("file", new File([csv], "人员.csv", { type: "text/csv" }));
  form.set("communityId", a.community.id);
  return t.call("POST", path, { cookie: secretary, body: form });
}

describe("importing a workforce list", () => {
  it("previews row by row, then imports the valid rows approved with badges, merging by phone", async () => {
    const preview = await upload("/api/workers/import/preview", CSV);
    expect(preview.status).toBe(200);
    const report = await preview.json();
    expect(report).toMatchObject({ totalRows: 6, validRows: 2, rejectedRows: 4, inserts: 2, updates: 0 });
    expect(report.errors.map((e: { row: number; reason: string }) => `${e.row}:${e.reason}`)).toEqual([
      "5:phone_length",
      "6:source",
      "6:qualification",
      "7:duplicate_in_file",
      "8:availability",
    ]);
    expect(await t.db.selectFrom("workers").select("id").execute()).toHaveLength(0);

    const committed = await (await upload("/api/workers/import", CSV)).json();
    expect(committed).toMatchObject({ inserts: 2, updates: 0, rejectedRows: 4 });
    const page = (await (
      await t.call("GET", "/api/workers", { cookie: secretary })
    ).json()) as WorkerListPage;
    const byName = Object.fromEntries(page.items.map((w) => [w.name, w]));
    expect(byName.张卫国).toMatchObject({
      source: "cadre",
      sourceOrg: "城关区税务局",
      qualifications: ["party_member", "driver"],
      status: "approved",
      availability: [
        { start: "2026-11-29T00:00:00.000Z", end: "2026-11-29T04:00:00.000Z" },
        { start: "2026-11-29T12:00:00.000Z", end: "2026-11-29T18:00:00.000Z" },
      ],
    });
    expect(byName.李芳).toMatchObject({
      source: "medic",
      sourceOrg: "省人民医院",
      qualifications: ["may_swab"],
    });
    expect(byName.张卫国?.badgeNo).toMatch(/^B\d{5}$/);
    expect(byName.李芳?.badgeNo).not.toBe(byName.张卫国?.badgeNo);

    // The same list again, fixed: known phones are updated, not added twice.
    const again = await (
      await upload(
        "/api/workers/import",
        "姓名,手机号,来源\n张卫国,13809310001,下沉干部\n周八,13809310005,志愿者",
      )
    ).json();
    expect(again).toMatchObject({ inserts: 1, updates: 1 });
    expect(await t.db.selectFrom("workers").select("id").execute()).toHaveLength(3);
  });

  it("gives back the rows it leaves out, as the file has them, with the reason in Chinese to fix them in place", async () => {
    const res = await upload("/api/workers/import/rejected", CSV);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain("人员-错误行.csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Chinese
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "姓名,手机号,来源,派出单位,医院,城市,资质,紧急联系人,紧急联系电话,可服务时间,错误原因",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["王五", "赵六", "孙七", "周八"]);
    // The cells stay as they were, the phone included: it is the user's own file coming back.
    expect(lines[1]).toContain("1380931,志愿者");
    expect(lines[1]).toContain("手机号：手机号应为11位数字");
    expect(lines[2]).toContain("来源：来源不认识");
    expect(lines[2]).toContain("；资质：资质不认识");
    expect(lines[3]).toContain("与第3行的手机号重复");
    expect(lines[4]).toContain("可服务时间：时间看不懂");
    expect(await t.db.selectFrom("workers").select("id").execute()).toHaveLength(3);

    // Fixed in place and sent again: the 错误原因 column is ignored.
    const fixed = lines
      .join("\r\n")
      .replace("1380931,", "13809310003,")
      .replace("外星人", "志愿者")
      .replace("会飞", "")
      .replace("孙七,13809310001", "孙七,13809310007")
      .replace(",明天", ",");
    const again = await (await upload("/api/workers/import/preview", fixed)).json();
    // 周八 was added by the test before: updated, not added twice.
    expect(again).toMatchObject({ totalRows: 4, validRows: 4, rejectedRows: 0, inserts: 3, updates: 1 });

    const xlsx = await upload("/api/workers/import/rejected?format=xlsx", CSV);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(new TextDecoder().decode((await xlsx.arrayBuffer()).slice(0, 2))).toBe("PK");
  });

  it("keeps another community's secretary out", async () => {
    const other = await buildRegionChain(t.db, { names: { community: "别的社区" } });
    const stranger = (await t.signIn("community_secretary", other.community.id)).cookie;
    const form = new FormData();
    form.set("file", new File([CSV], "人员.csv", { type: "text/csv" }));
    form.set("communityId", a.community.id);
    const res = await t.call("POST", "/api/workers/import/rejected", { cookie: stranger, body: form });
    expect(res.status).toBe(404);
  });

  it("refuses a file without name and phone columns", async () => {
    const res = await upload("/api/workers/import/preview", "a,b,c\n1,2,3");
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.reason).toBe("missing_columns");
  });
});
