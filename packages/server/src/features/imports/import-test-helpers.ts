import { cnIdCheckDigit } from "@shequ/core/id-number";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../../db/schema";
import { buildNeighbour, buildRegionChain, nextIdNumber, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { ImportPreview } from "./create-import";

/** The header communities use, in the export's order. */
export const HEADER = [
  "姓名",
  "证件类型",
  "证件号码",
  "手机号",
  "社区",
  "网格",
  "楼栋",
  "单元",
  "门牌号",
  "标签",
];

/** CSV text as Excel writes it: CRLF, cells quoted only when they must be. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(","))
    .join("\r\n");
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** A valid ID number with the given birth date (which may be in the future: the check digit is right). */
export function idWithBirthDate(birthDate: string, sequence: number, region = "620102"): string {
  const first17 = `${region}${birthDate.replaceAll("-", "")}${String(sequence % 1000).padStart(3, "0")}`;
  return first17 + cnIdCheckDigit(first17);
}

export function withWrongCheckDigit(idNumber: string): string {
  const right = cnIdCheckDigit(idNumber.slice(0, 17));
  return idNumber.slice(0, 17) + (right === "1" ? "2" : "1");
}

/** POST /api/imports with a file, as the browser's form does. */
export function upload(
  t: TestContext,
  cookie: string,
  filename: string,
  bytes: Uint8Array,
  mapping?: Record<string, string>,
): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], filename));
  if (mapping) form.append("mapping", JSON.stringify(mapping));
  return t.call("POST", "/api/imports", { cookie, body: form });
}

/** Reads a CSV answer (UTF-8 with BOM) back into rows; cells here never hold quotes or commas. */
export async function readCsvResponse(res: Response): Promise<{ bom: boolean; rows: string[][] }> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder().decode(bytes);
  const rows = text
    .split("\r\n")
    .filter((l) => l !== "")
    .map((l) => l.split(","));
  return { bom, rows };
}

/** The first sheet of an XLSX answer as rows of text. */
export async function readXlsxResponse(res: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(values.map((v) => (v === null || v === undefined ? "" : String(v))));
  });
  return rows;
}

/** An XLSX workbook built in memory: each sheet is rows of cells (numbers stay numbers). */
export async function buildXlsx(
  sheets: { name: string; rows: (string | number | null)[][] }[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name);
    for (const row of s.rows) sheet.addRow(row);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A valid row in community A (or another community/grid), building 7号楼 unit 1单元 by default. */
export function row(over: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const cells: Record<string, string> = {
    姓名: "雷敏",
    证件类型: "居民身份证",
    证件号码: nextIdNumber(),
    手机号: "13812345678",
    社区: "杨家园社区",
    网格: "第一网格",
    楼栋: "7号楼",
    单元: "1单元",
    门牌号: "502",
    标签: "",
    ...over,
  };
  return HEADER.map((h) => cells[h] ?? "");
}

export async function previewOf(res: Response): Promise<ImportPreview> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImportPreview;
}

export const residentsWith = (db: Kysely<Database>, idNumbers: string[]) =>
  db.selectFrom("residents").selectAll().where("id_number", "in", idNumbers).execute();

/** What the import and export tests share: community A (杨家园社区), a neighbour B, A's secretary. */
export interface ImportTestSetup {
  t: TestContext;
  a: RegionChain;
  b: RegionChain;
  secretaryA: { userId: string; cookie: string };
}

export async function setUpImportTest(): Promise<ImportTestSetup> {
  const t = await createTestContext();
  const a = await buildRegionChain(t.db, { names: { community: "杨家园社区", grid: "第一网格" } });
  const b = await buildNeighbour(t.db, a, "subdistrict", { community: "酒泉路社区", grid: "第一网格" });
  const secretaryA = await t.signIn("community_secretary", a.community.id);
  return { t, a, b, secretaryA };
}
