import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { TestContext } from "../../test/test-context";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";

export interface LabRound {
  round: StationRound;
  /** A lab user scoped to the round's district: sees every tube of it. */
  lab: string;
  registrar: string;
  /** Residents of 1号楼 and 2号楼 not yet in a tube. */
  free: string[];
}

/** The station round of the station tests, with a registrar to fill tubes and a lab user of the district. */
export async function buildLabRound(t: TestContext): Promise<LabRound> {
  const round = await buildStationRound(t);
  const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  const lab = (await t.signIn("lab", round.place.a.district.id)).cookie;
  const rows = await t.db
    .selectFrom("residents")
    .select("id")
    .where("community_id", "=", round.place.a.community.id)
    .orderBy("building_id")
    .orderBy("id")
    .execute();
  return { round, lab, registrar, free: rows.map((r) => r.id) };
}

/**
 * A tube filled through the station API with `people` residents and sealed (or left open), at
 * 1号楼's point unless another is given. Returns its barcode.
 */
export async function fillTube(
  t: TestContext,
  lab: LabRound,
  opts: { people?: number; seal?: boolean; siteId?: string; single?: boolean } = {},
): Promise<string> {
  const station = makeStation(lab.round.campaignId, opts.siteId ?? lab.round.siteA);
  const code = barcode();
  const people = lab.free.splice(0, opts.people ?? 1);
  expect(people.length).toBe(opts.people ?? 1);
  const scans = [
    station.open(code, opts.single ? { single: true } : {}),
    ...people.map((residentId) => station.bind(code, { residentId })),
  ];
  if (opts.seal !== false && !opts.single) scans.push(station.seal(code));
  const results = await postScans(t, lab.registrar, station.stationId, scans);
  expect(results.every((r) => r.status === "applied")).toBe(true);
  return code;
}

/** Moves a tube along the chain as the boxes feature would (packed, received at the lab). */
export async function markTube(t: TestContext, code: string, status: "boxed" | "received"): Promise<void> {
  await t.db.updateTable("tubes").set({ status }).where("barcode", "=", code).execute();
}

export function csvFile(rows: string[][], name = "results.csv"): File {
  const text = rows.map((r) => r.join(",")).join("\r\n");
  return new File([`\uFEFF${text}\r\n`], name, { type: "text/csv" });
}

/** An XLSX made as Excel would: text cells, and date-time cells formatted as dates. */
export async function xlsxFile(rows: (string | number | Date)[][], name = "results.xlsx"): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("结果");
  for (const row of rows) {
    const added = sheet.addRow(row);
    row.forEach((value, i) => {
      if (value instanceof Date) added.getCell(i + 1).numFmt = "yyyy-mm-dd hh:mm";
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new File([new Uint8Array(buffer as ArrayBuffer)], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

export function upload(t: TestContext, cookie: string, path: string, file: File): Promise<Response> {
  const form = new FormData();
  form.set("file", file);
  return t.call("POST", path, { cookie, body: form });
}

export interface ReportLineBody {
  line: number;
  barcode: string;
  code: string;
  reason: string;
  message: string;
  messageEn: string;
}

export interface BatchBody {
  id: string;
  lines: number;
  applied: number;
  repeated: number;
  unknown: number;
  conflicts: number;
  invalid: number;
  report: ReportLineBody[];
}

export async function sendFile(t: TestContext, cookie: string, file: File, status = 201): Promise<BatchBody> {
  return expectJson<BatchBody>(await upload(t, cookie, "/api/lab/results", file), status);
}

export async function tubeState(t: TestContext, code: string) {
  return t.db
    .selectFrom("tubes as t")
    .leftJoin("tube_results as r", "r.tube_id", "t.id")
    .select(["t.status", "r.result"])
    .where("t.barcode", "=", code)
    .executeTakeFirstOrThrow();
}
