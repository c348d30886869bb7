import { RESIDENT_FLAG_LABELS, type ResidentFlag } from "@shequ/core/flags";
import { ID_TYPE_LABELS, type IdType } from "@shequ/core/id-document";
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from "@shequ/core/import-columns";
import { maskIdNumber, maskPhone } from "@shequ/core/mask";
import type { Expression, Kysely, SqlBool } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { buildResidentFilter } from "../residents/resident-filter";
import { type Actor, asSessionUser } from "./actor";
import { countMatching, type ExportRow, selectExportPage } from "./queries";
import { CONTENT_TYPES, createSheetWriter, type OutputFormat, type SheetWriter } from "./sheet-writer";

export interface ExportQuery {
  format: OutputFormat;
  regionId?: string;
  q?: string;
  flags?: ResidentFlag[];
  /** Full ID numbers and phones; needs resident.export_unmasked. */
  unmasked?: boolean;
}

export interface ResidentExport {
  filename: string;
  contentType: string;
  count: number;
  writer: SheetWriter;
  /** Resolves with the rows written once the stream is complete. */
  done: Promise<number>;
}

const PAGE = 2000;

/**
 * Writes the residents the actor may see (active ones, filtered like the list) with the import's
 * own columns, so an unmasked export re-imports cleanly. ID numbers and phones are masked unless
 * the role may export them unmasked; every export is audited with its count and whether it was
 * unmasked. Streams page by page: a million rows never sit in memory.
 */
export async function exportResidents(
  db: Kysely<Database>,
  actor: Actor,
  query: ExportQuery,
): Promise<ResidentExport> {
  const user = asSessionUser(actor);
  requirePermission(user, "resident.export");
  if (query.unmasked) requirePermission(user, "resident.export_unmasked");
  // Active residents only, filtered exactly like the list.
  const { filter, searched } = await buildResidentFilter(db, user, { ...query, status: "active" });

  const count = await countMatching(db, filter);
  await recordAudit(db, {
    userId: actor.id,
    action: "resident.export",
    entityType: "resident",
    entityId: null,
    details: {
      count,
      unmasked: Boolean(query.unmasked),
      format: query.format,
      regionId: query.regionId ?? null,
      flags: query.flags ?? [],
      searched,
    },
  });

  const writer = createSheetWriter(query.format, { sheetName: "居民" });
  const done = writeAll(db, writer, filter, Boolean(query.unmasked));
  done.catch((error) => writer.output.destroy(error as Error));
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll("-", "");
  return {
    filename: `居民名单-${day}.${query.format}`,
    contentType: CONTENT_TYPES[query.format],
    count,
    writer,
    done,
  };
}

async function writeAll(
  db: Kysely<Database>,
  writer: SheetWriter,
  filter: Expression<SqlBool>,
  unmasked: boolean,
): Promise<number> {
  await writer.add(IMPORT_FIELDS.map((f) => IMPORT_FIELD_LABELS[f].zh));
  let after: { addressKey: string; id: string } | null = null;
  let written = 0;
  for (;;) {
    const rows = await selectExportPage(db, filter, after, PAGE);
    for (const row of rows) await writer.add(toCells(row, unmasked));
    written += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = { addressKey: last.address_key, id: last.id };
  }
  await writer.finish();
  return written;
}

/** The import's columns, in its order: 姓名 证件类型 证件号码 手机号 社区 网格 楼栋 单元 门牌号 标签. */
function toCells(row: ExportRow, unmasked: boolean): string[] {
  return [
    row.name,
    ID_TYPE_LABELS[row.id_type as IdType]?.zh ?? row.id_type,
    unmasked ? row.id_number : maskIdNumber(row.id_number),
    row.phone ? (unmasked ? row.phone : maskPhone(row.phone)) : "",
    row.community,
    row.grid,
    row.building,
    row.unit,
    row.door,
    row.flags.map((f) => RESIDENT_FLAG_LABELS[f as ResidentFlag]?.zh ?? f).join("、"),
  ];
}
