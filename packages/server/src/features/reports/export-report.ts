import { escapeFormula } from "@shequ/core/import-columns";
import { REGION_LEVEL_LABELS, type RegionLevel } from "@shequ/core/regions";
import { formatAsOfZh, type Report, type ReportQuery, type SnapshotItem } from "@shequ/core/report-schema";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { getReport } from "./get-report";
import { listSnapshots } from "./list-snapshots";

const PERCENT = "0.0%";

/** "2030-06-01 14:00" in Beijing time. */
function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** Coverage rounded down to 0.1 %, so the cell reads as the paragraph does (never 100 % too early). */
const coverage = (ratio: number) => Math.floor(ratio * 1000 + 1e-9) / 1000;

/** Text cells a spreadsheet would run as formulas (a region named "=…") get an apostrophe. */
const text = (value: string) => escapeFormula(value);

/**
 * The report as an XLSX workbook: 汇总 (the paragraph and the totals), 分社区 (one row per region
 * one level down; named after that level) and 整点快照 (the hourly snapshots). Numbers are written
 * as numbers so the sheet adds up in Excel.
 */
export async function exportReport(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: ReportQuery,
  now = new Date(),
): Promise<{ filename: string; body: Uint8Array<ArrayBuffer> }> {
  const report = await getReport(db, user, campaignId, query, now);
  const snapshots = await listSnapshots(db, user, campaignId, { regionId: report.region.id });
  const workbook = new ExcelJS.Workbook();
  workbook.created = now;
  addSummarySheet(workbook, report);
  addRowsSheet(workbook, report);
  addSnapshotSheet(workbook, snapshots.items);
  const body = Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
  const stamp = beijingTime(report.asOf).replace(/[-: ]/g, "").slice(0, 12);
  const name = `${report.region.name}-${report.campaign.name}-统计报表-${stamp}.xlsx`;
  return { filename: name.replace(/[\\/:*?"<>|\r\n]+/g, "_"), body };
}

function addSummarySheet(workbook: ExcelJS.Workbook, report: Report): void {
  const sheet = workbook.addWorksheet("汇总");
  const r = report.region;
  sheet.columns = [{ width: 22 }, { width: 18 }, { width: 22 }, { width: 18 }];
  sheet.addRow([text(`${r.name}${report.campaign.name}统计报表`)]).font = { bold: true, size: 16 };
  sheet.addRow([`截至${formatAsOfZh(report.asOf)}（北京时间）`]);
  const paragraph = sheet.addRow([text(report.text.zh)]);
  sheet.mergeCells(paragraph.number, 1, paragraph.number, 4);
  paragraph.alignment = { wrapText: true, vertical: "top" };
  paragraph.height = 96;
  sheet.addRow([]);
  const figures: [string, number, string?][] = [
    ["应检人数", r.expected],
    ["已采样人数", r.sampled],
    ["覆盖率", coverage(r.coverage), PERCENT],
    ["豁免人数", r.exempted],
    ["未检人数", r.missing],
    ["外来人员采样", report.walkIns],
    ["采样点（开放）", report.openPoints],
    ["采样点（共设）", report.points],
    ["采样管", r.tubes],
    ["其中混管", r.pooledTubes],
    ["其中单管", r.singleTubes],
    ["阳性管", r.positiveTubes],
    ["无效管", r.invalidTubes],
    ["复核人员", r.recalled],
    ["已复采", r.resampled],
    ["复核未结", r.recallsOpen],
    ["复核已结", r.recallsClosed],
  ];
  for (const [label, value, format] of figures) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (format) row.getCell(2).numFmt = format;
  }
  sheet.addRow([]);
  sheet.addRow(["填报单位：", "", "填报人：", ""]);
  sheet.addRow(["填报时间：", "", "联系电话：", ""]);
}

function addRowsSheet(workbook: ExcelJS.Workbook, report: Report): void {
  const level = REGION_LEVEL_LABELS[(report.rowLevel ?? "community") as RegionLevel]?.zh ?? "社区";
  const sheet = workbook.addWorksheet(`分${level}`);
  const header = [
    level,
    "应检人数",
    "已采样",
    "覆盖率",
    "豁免",
    "未检",
    "采样管",
    "阳性管",
    "复核人员",
    "已复采",
    "复核未结",
    "复核已结",
  ];
  sheet.columns = header.map((_, i) => ({ width: i === 0 ? 24 : 11 }));
  sheet.addRow(header).font = { bold: true };
  const add = (name: string, r: Report["region"]) => {
    const row = sheet.addRow([
      text(name),
      r.expected,
      r.sampled,
      coverage(r.coverage),
      r.exempted,
      r.missing,
      r.tubes,
      r.positiveTubes,
      r.recalled,
      r.resampled,
      r.recallsOpen,
      r.recallsClosed,
    ]);
    row.getCell(4).numFmt = PERCENT;
    return row;
  };
  for (const r of report.rows) add(r.name, r);
  if (report.shared.points > 0) {
    sheet.addRow([
      `跨${level}采样点（${report.shared.points}个）`,
      null,
      null,
      null,
      null,
      null,
      report.shared.tubes,
      report.shared.positiveTubes,
    ]);
  }
  add("合计", report.region).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

function addSnapshotSheet(workbook: ExcelJS.Workbook, items: SnapshotItem[]): void {
  const sheet = workbook.addWorksheet("整点快照");
  const header = [
    "时间",
    "应检人数",
    "已采样",
    "覆盖率",
    "豁免",
    "未检",
    "采样管",
    "阳性管",
    "复核人员",
    "已复采",
  ];
  sheet.columns = header.map((_, i) => ({ width: i === 0 ? 18 : 11 }));
  sheet.addRow(header).font = { bold: true };
  for (const s of items) {
    const row = sheet.addRow([
      beijingTime(s.hour),
      s.expected,
      s.sampled,
      coverage(s.coverage),
      s.exempted,
      s.missing,
      s.tubes,
      s.positiveTubes,
      s.recalled,
      s.resampled,
    ]);
    row.getCell(4).numFmt = PERCENT;
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}
