import { RESIDENT_FLAG_LABELS, type ResidentFlag } from "@shequ/core/flags";
import { maskName, maskPhone } from "@shequ/core/mask";
import {
  CONTACT_OUTCOME_LABELS,
  type ContactOutcome,
  EXEMPTION_REASON_LABELS,
  type ExemptionReason,
  type MissingExportQuery,
} from "@shequ/core/missing-schema";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { CONTENT_TYPES, createSheetWriter, type SheetWriter } from "../imports/sheet-writer";
import { ageOn, chinaToday } from "../residents/present-resident";
import { findPreviousRound, inGrid, loadRound, resolveGrid } from "./grid-scope";
import { searchFilter } from "./list-missing";
import { type PersonRow, selectPeople, viewFilter } from "./queries";

/** A grid is at most a few thousand people; this bounds one file. */
const MAX_ROWS = 20_000;

const VIEW_ZH = { missing: "未检", exempted: "已豁免", previous: "上轮已检本轮未检" } as const;

/** Beijing wall-clock time, "2030-06-01 14:00". */
function chinaTime(value: Date | string | null): string {
  if (!value) return "";
  return new Date(new Date(value).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * A grid's list (one view, with its search) as a spreadsheet for the worker's rounds or for
 * reporting upwards. Names, phones and ID numbers are masked unless asked for unmasked, which
 * needs resident.export_unmasked; every export is audited with its count.
 */
export async function exportMissing(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: MissingExportQuery,
): Promise<{ filename: string; contentType: string; writer: SheetWriter; done: Promise<void> }> {
  requirePermission(user, "missing.followup");
  const unmasked = query.unmasked === "1" || query.unmasked === "true";
  if (unmasked) requirePermission(user, "resident.export_unmasked");
  const round = await loadRound(db, user, campaignId);
  const grid = await resolveGrid(db, user, round, query.gridId);
  if (!grid)
    throw new AppError("validation", "Pick a grid", {
      issues: [{ field: "gridId", reason: "required", message: "Pick a grid" }],
    });
  const previous = await findPreviousRound(db, user, round, grid);
  const rows = await selectPeople(db, {
    campaignId: round.campaign.id,
    previousId: previous?.id ?? null,
    where: sql<SqlBool>`(${inGrid(user, round, grid)}
      and ${viewFilter(query.view, round.campaign.id, previous?.id ?? null)} and ${searchFilter(query.q)})`,
    limit: MAX_ROWS,
    offset: 0,
  });
  await recordAudit(db, {
    userId: user.id,
    action: "missing.export",
    entityType: "campaign",
    entityId: round.campaign.id,
    details: { gridId: grid.id, view: query.view, count: rows.length, unmasked, format: query.format },
  });
  const writer = createSheetWriter(query.format, { sheetName: VIEW_ZH[query.view] });
  const done = writeRows(writer, rows, { unmasked, exempted: query.view === "exempted" });
  done.catch((error) => writer.output.destroy(error as Error));
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
  return {
    filename: `漏检名单-${grid.communityName}${grid.name}-${VIEW_ZH[query.view]}-${day}.${query.format}`,
    contentType: CONTENT_TYPES[query.format],
    writer,
    done,
  };
}

async function writeRows(
  writer: SheetWriter,
  rows: PersonRow[],
  o: { unmasked: boolean; exempted: boolean },
): Promise<void> {
  const today = chinaToday();
  await writer.add([
    "楼栋",
    "单元",
    "门牌号",
    "姓名",
    "年龄",
    "性别",
    "电话",
    ...(o.unmasked ? ["证件号码"] : []),
    "标签",
    "应检时段",
    "采集点",
    ...(o.exempted ? ["豁免原因", "豁免地点", "豁免备注", "豁免登记人", "豁免时间"] : []),
    "最近联系结果",
    "联系地点",
    "联系备注",
    "联系人",
    "联系时间",
  ]);
  for (const r of rows) {
    const age = ageOn(r.birth_date, today);
    await writer.add([
      r.building_name,
      r.unit_name,
      r.door,
      o.unmasked ? r.name : maskName(r.name),
      age === null ? "" : String(age),
      r.sex === "M" ? "男" : r.sex === "F" ? "女" : "",
      r.phone ? (o.unmasked ? r.phone : maskPhone(r.phone)) : "",
      ...(o.unmasked ? [r.id_number] : []),
      r.flags.map((f) => RESIDENT_FLAG_LABELS[f as ResidentFlag]?.zh ?? f).join("、"),
      r.slot_starts_at && r.slot_ends_at
        ? `${chinaTime(r.slot_starts_at)}–${chinaTime(r.slot_ends_at).slice(11)}`
        : "",
      r.site_name ?? "",
      ...(o.exempted
        ? [
            EXEMPTION_REASON_LABELS[r.exemption_reason as ExemptionReason]?.zh ?? "",
            r.exemption_place ?? "",
            r.exemption_note ?? "",
            r.exemption_by ?? "",
            chinaTime(r.exemption_at),
          ]
        : []),
      r.contact_outcome ? (CONTACT_OUTCOME_LABELS[r.contact_outcome as ContactOutcome]?.zh ?? "") : "",
      r.contact_place ?? "",
      r.contact_note ?? "",
      r.contact_by ?? "",
      chinaTime(r.contact_at),
    ]);
  }
  await writer.finish();
}
