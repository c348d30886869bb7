import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegionChain, nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { ImportPreview } from "./create-import";
import { buildXlsx, HEADER, toCsv, upload, utf8 } from "./import-test-helpers";

// Files as people really send them: each must end in a clear report, never a crash.

let t: TestContext;
let cookie: string;

beforeAll(async () => {
  t = await createTestContext();
  await buildRegionChain(t.db, { names: { community: "杨家园社区", grid: "第一网格" } });
  ({ cookie } = await t.signIn("admin", null));
});
afterAll(() => t.close());

function person(door: string, name = "雷敏"): string[] {
  return [
    name,
    "居民身份证",
    nextIdNumber(),
    "13812345678",
    "杨家园社区",
    "第一网格",
    "3号楼",
    "1单元",
    door,
    "",
  ];
}

async function preview(filename: string, bytes: Uint8Array): Promise<ImportPreview> {
  const res = await upload(t, cookie, filename, bytes);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportPreview;
}

/** GBK bytes for a string, from the inverse of the platform's GBK decoder (tests only). */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gbk");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== "\uFFFD" && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(char);
      if (!bytes) throw new Error(`not in GBK: ${char}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

describe("encodings and line ends", () => {
  it("reads a GBK CSV as Chinese Excel saves it", async () => {
    const p = await preview("gbk.csv", encodeGbk(toCsv([HEADER, person("101", "张桂兰"), person("102")])));
    expect(p).toMatchObject({ encoding: "gb18030", totalRows: 2, validRows: 2, missingFields: [] });
  });

  it("reads UTF-8 with a BOM, CRLF, LF and lone-CR line ends alike", async () => {
    const rows = [HEADER, person("101"), person("102")];
    for (const [name, text] of [
      ["bom.csv", `\uFEFF${toCsv(rows)}`],
      ["lf.csv", rows.map((r) => r.join(",")).join("\n")],
      ["cr.csv", rows.map((r) => r.join(",")).join("\r")],
      ["trailing.csv", `${toCsv(rows)}\r\n\r\n`],
    ] as const) {
      const p = await preview(name, utf8(text));
      expect(p, name).toMatchObject({ totalRows: 2, validRows: 2, missingFields: [] });
    }
  });

  it("reads UTF-16 tab-separated text (Excel's 'Unicode text')", async () => {
    const text = [HEADER, person("101")].map((r) => r.join("\t")).join("\r\n");
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      bytes[2 + i * 2] = code & 0xff;
      bytes[3 + i * 2] = code >> 8;
    }
    const p = await preview("unicode.txt", bytes);
    expect(p).toMatchObject({ encoding: "utf-16le", validRows: 1 });
  });
});

describe("awkward contents", () => {
  it("finds the header under a title row and reports spreadsheet row numbers", async () => {
    const text = toCsv([["杨家园社区居民花名册"], [], HEADER, person("101"), person("102", "")]);
    const p = await preview("titled.csv", utf8(text));
    expect(p.headerRow).toBe(3);
    expect(p.errors.map((e) => [e.row, e.reason])).toEqual([[5, "name_empty"]]);
  });

  it("treats formula-looking cells as text and defuses them in the rejected-rows file", async () => {
    const attack = "=cmd|' /C calc'!A0";
    const rows = [
      HEADER,
      person("101", "=1+2"),
      [attack, "护照", "", "", "杨家园社区", "第一网格", "3号楼", "1单元", "@x", ""],
    ];
    const p = await preview("formula.csv", utf8(toCsv(rows)));
    expect(p).toMatchObject({ validRows: 1, rejectedRows: 1 });
    const res = await t.call("GET", `/api/imports/${p.jobId}/rejected?format=csv`, { cookie });
    const text = new TextDecoder().decode(await res.arrayBuffer());
    expect(text).toContain(`'${attack}`);
    expect(text).toContain("'@x");
    const commit = await t.call("POST", `/api/imports/${p.jobId}/commit`, { cookie });
    expect(await commit.json()).toMatchObject({ inserted: 1 });
    const stored = await t.db.selectFrom("residents").select("name").where("name", "=", "=1+2").execute();
    expect(stored).toHaveLength(1);
  });

  it("cuts 10,000-character cells in the report and ignores them in unknown columns", async () => {
    const long = "长".repeat(10_000);
    const header = [...HEADER, "备注"];
    const p = await preview(
      "long.csv",
      utf8(toCsv([header, [...person("101", long), ""], [...person("102"), long]])),
    );
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]).toMatchObject({ row: 2, reason: "name_too_long" });
    expect(Array.from(p.errors[0]?.value ?? "").length).toBeLessThanOrEqual(51);
    expect(p.unmappedHeaders).toEqual(["备注"]);
    expect(p.validRows).toBe(1);
  });

  it("accepts ragged rows: missing cells are empty, extra cells are ignored", async () => {
    const short = person("101").slice(0, 8); // no 门牌号, no 标签
    const long = [...person("102"), "多余", "更多"];
    const p = await preview("ragged.csv", utf8(toCsv([HEADER, short, long])));
    expect(p.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[2, "门牌号", "door_empty"]]);
    expect(p.validRows).toBe(1);
  });

  it("reports an ID number that Excel turned into a number instead of importing it", async () => {
    const converted = person("101");
    converted[2] = "6.20102E+17";
    const p = await preview("sci.csv", utf8(toCsv([HEADER, converted, person("102")])));
    expect(p.errors.map((e) => [e.row, e.reason])).toEqual([[2, "id_number_as_number"]]);
    expect(p.errors[0]?.message).toContain("文本");
  });
});

describe("XLSX", () => {
  it("reads the first sheet with data, numbers included, and rejects ID numbers stored as numbers", async () => {
    const asText = person("101");
    const asNumber = person("102");
    const bytes = await buildXlsx([
      { name: "说明", rows: [] },
      {
        name: "花名册",
        rows: [
          HEADER,
          [...asText.slice(0, 3), 13812345678, ...asText.slice(4, 8), 101, ""],
          [...asNumber.slice(0, 2), Number(asNumber[2]), ...asNumber.slice(3)],
        ],
      },
      { name: "其他", rows: [["不该读到"]] },
    ]);
    const p = await preview("list.xlsx", bytes);
    expect(p).toMatchObject({ format: "xlsx", headers: HEADER, totalRows: 2, validRows: 1 });
    expect(p.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [3, "证件号码", "id_number_as_number"],
    ]);
  });

  it("refuses a workbook without data", async () => {
    const res = await upload(t, cookie, "empty.xlsx", await buildXlsx([{ name: "Sheet1", rows: [] }]));
    expect(res.status).toBe(400);
  });
});

describe("size", () => {
  it("imports 100,000 rows in one go", { timeout: 120_000 }, async () => {
    const lines = [HEADER.join(",")];
    const households = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      // Households recur all through the file, so they span the import's chunks.
      const door = `${Math.floor(i / 4) % 30}0${i % 4}`;
      households.add(`${i % 20}|${i % 3}|${door}`);
      lines.push(
        `居民${i},,${nextIdNumber()},138${String(i).padStart(8, "0")},杨家园社区,第一网格,${(i % 20) + 1}栋,${(i % 3) + 1}单元,${door},`,
      );
    }
    // Over 7.5 MB: on PGlite the commit drops residents' secondary indexes and rebuilds them.
    const file = utf8(lines.join("\r\n"));
    expect(file.length).toBeGreaterThan(7_500_000);
    const schemaOfResidents = () =>
      sql<{ def: string }>`select pg_get_indexdef(indexrelid) as def from pg_index
        where indrelid = 'residents'::regclass
        union all select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'residents'::regclass
        order by 1`.execute(t.db);
    const before = (await schemaOfResidents()).rows;
    const p = await preview("big.csv", file);
    expect(p).toMatchObject({ totalRows: 100_000, validRows: 100_000, rejectedRows: 0 });
    const creates = { buildings: 20, units: 60, households: households.size };
    expect(p.creates).toEqual(creates);
    const res = await t.call("POST", `/api/imports/${p.jobId}/commit`, { cookie });
    expect(await res.json()).toMatchObject({ inserted: 100_000, updated: 0, creates });
    // Nothing was rejected, so the file (ID numbers, phones) is not kept after the commit.
    const kept = await t.db
      .selectFrom("import_jobs")
      .select("file")
      .where("id", "=", p.jobId)
      .executeTakeFirst();
    expect(kept?.file).toBeNull();
    expect((await t.call("GET", `/api/imports/${p.jobId}/rejected`, { cookie })).status).toBe(409);
    // Every index and constraint is back, and the list finds an imported person by phone.
    expect((await schemaOfResidents()).rows).toEqual(before);
    const admin = await t.signIn("admin", null);
    const found = await t.call("GET", "/api/residents?q=13800099999", { cookie: admin.cookie });
    expect(((await found.json()) as { items: { name: string }[] }).items.map((r) => r.name)).toEqual([
      "居民99999",
    ]);
  });

  it("refuses an upload over 64 MB with 413", { timeout: 60_000 }, async () => {
    const res = await upload(t, cookie, "huge.csv", new Uint8Array(64 * 1024 * 1024 + 1).fill(0x41));
    expect(res.status).toBe(413);
  });
});
