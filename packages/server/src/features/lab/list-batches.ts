import { LINE_CODE_LABELS } from "@shequ/core/lab-result-messages";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import { createSheetWriter, type OutputFormat, type SheetWriter } from "../imports/sheet-writer";
import { isUuid, pathPrefixPattern } from "../regions/scope";
import { type BatchSummary, type BatchView, presentBatch, presentBatchSummary } from "./batch-view";
import type { StoredReportLine } from "./classify-lines";
import type { LabActor } from "./lab-actor";

const LIST_LIMIT = 200;

/**
 * Batches sent by people or lab machines of the actor's area: the sender's scope (a user's, or a
 * token's region) lies inside it. An unscoped administrator sees all.
 */
function batchVisible(actor: LabActor): Expression<SqlBool> {
  if (!actor.scope) return actor.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  return sql<SqlBool>`coalesce(ur.path, tr.path) like ${pathPrefixPattern(actor.scope.path)}`;
}

function batches(db: Kysely<Database>, actor: LabActor) {
  return db
    .selectFrom("result_batches as b")
    .leftJoin("users as u", "u.id", "b.user_id")
    .leftJoin("regions as ur", "ur.id", "u.scope_region_id")
    .leftJoin("lab_tokens as lt", "lt.id", "b.token_id")
    .leftJoin("regions as tr", "tr.id", "lt.region_id")
    .where(batchVisible(actor));
}

const SUMMARY = [
  "b.id",
  "b.source",
  "b.file_name",
  "b.user_id",
  "b.token_id",
  "b.lines",
  "b.applied",
  "b.repeated",
  "b.unknown",
  "b.conflicts",
  "b.invalid",
  "b.created_at",
] as const;

/** The latest batches of the actor's area, newest first. */
export async function listBatches(db: Kysely<Database>, actor: LabActor): Promise<BatchSummary[]> {
  const rows = await batches(db, actor)
    .select([...SUMMARY, sql<string | null>`coalesce(u.display_name, lt.name)`.as("by")])
    .orderBy("b.created_at", "desc")
    .orderBy("b.id", "desc")
    .limit(LIST_LIMIT)
    .execute();
  return rows.map(presentBatchSummary);
}

/** One batch with every line that was not applied, or 404 as for an id that does not exist. */
export async function getBatch(db: Kysely<Database>, actor: LabActor, id: string): Promise<BatchView> {
  const row = isUuid(id)
    ? await batches(db, actor)
        .select([...SUMMARY, "b.report", sql<string | null>`coalesce(u.display_name, lt.name)`.as("by")])
        .where("b.id", "=", id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError("not_found", "Result batch not found");
  return presentBatch(row, row.report as StoredReportLine[]);
}

/**
 * The batch's report as a spreadsheet for the lab to fix its file: one row per line not
 * applied, with the row number, barcode, outcome and reason in the chosen language.
 */
export async function writeBatchReport(
  db: Kysely<Database>,
  actor: LabActor,
  id: string,
  opts: { format: OutputFormat; lang: "zh" | "en" },
): Promise<{ filename: string; writer: SheetWriter; done: Promise<void> }> {
  const batch = await getBatch(db, actor, id);
  const zh = opts.lang === "zh";
  const writer = createSheetWriter(opts.format, { sheetName: zh ? "未录入的行" : "Lines not applied" });
  const done = (async () => {
    await writer.add(zh ? ["行号", "管码", "处理结果", "原因"] : ["Line", "Barcode", "Outcome", "Reason"]);
    for (const line of batch.report) {
      await writer.add([
        String(line.line),
        line.barcode,
        LINE_CODE_LABELS[line.code][opts.lang],
        zh ? line.message : line.messageEn,
      ]);
    }
    await writer.finish();
  })();
  const stamp = batch.createdAt.slice(0, 10);
  const filename = `${zh ? "检测结果报告" : "lab-result-report"}-${stamp}-${batch.id.slice(-6)}.${opts.format}`;
  return { filename, writer, done };
}
