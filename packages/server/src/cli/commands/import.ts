import { createWriteStream } from "node:fs";
import { extname } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from "@shequ/core/import-columns";
import type { DbHandle } from "../../db/client";
import { AppError } from "../../errors";
import type { Actor } from "../../features/imports/actor";
import type { RowError } from "../../features/imports/check-row";
import { commitFile } from "../../features/imports/commit-file";
import { SheetFile } from "../../features/imports/read-sheet";
import { type ImportReport, previewImport } from "../../features/imports/run-import";
import { createSheetWriter } from "../../features/imports/sheet-writer";
import { RejectedRows, writeRejectedRows } from "../../features/imports/write-rejected";
import { resolveRegionRef } from "../../features/users/resolve-region-ref";
import type { Scope } from "../../http";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage =
  "import <file.csv|file.xlsx> [--community-scope <region>] [--map <header>=<field>]… [--dry-run] [--all-or-nothing] [--rejected <out.csv|out.xlsx>]";

const HELP = `Usage: shequ ${usage}

Imports residents from a CSV (UTF-8 or GBK) or XLSX file with the columns communities keep:
${IMPORT_FIELDS.map((f) => `${IMPORT_FIELD_LABELS[f].zh} (${f})`).join(", ")}.
People are matched by ID number: known people are updated, new ones added; buildings, units
and households are created when missing. Valid rows go in as one transaction; rejected rows are
written with an 错误原因 column to <file>.rejected.csv (or --rejected) to fix and import again.

  --community-scope <region>  act as a user of this region (an id, or names like "酒泉路街道/杨家园社区"):
                              rows for other communities are rejected. Default: the whole registry.
  --map <header>=<field>      map a column the file names differently, e.g. --map 户主姓名=name
  --dry-run                   check and report only; import nothing
  --all-or-nothing            import nothing when any row is rejected
  --rejected <path>           where to write the rejected rows (.csv or .xlsx)`;

/** Files on disk may be larger than the 64 MB web upload limit. */
const MAX_CLI_BYTES = 1024 * 1024 * 1024;

export interface ImportArgs {
  file: string;
  scope?: string;
  mapping: Record<string, string>;
  dryRun: boolean;
  allOrNothing: boolean;
  rejected?: string;
}

export function parseImportArgs(args: string[]): ImportArgs | undefined {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      "community-scope": { type: "string" },
      map: { type: "string", multiple: true },
      "dry-run": { type: "boolean", default: false },
      "all-or-nothing": { type: "boolean", default: false },
      rejected: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return undefined;
  if (positionals.length !== 1)
    throw new UsageError(`Give exactly one file to import\nUsage: shequ ${usage}`);
  const mapping: Record<string, string> = {};
  for (const pair of values.map ?? []) {
    const at = pair.lastIndexOf("=");
    const field = pair.slice(at + 1).trim();
    if (at <= 0 || !(IMPORT_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(
        `--map ${pair}: use <file header>=<field>, field one of ${IMPORT_FIELDS.join(", ")}`,
      );
    }
    mapping[pair.slice(0, at).trim()] = field;
  }
  const rejected = values.rejected;
  if (rejected && ![".csv", ".xlsx"].includes(extname(rejected).toLowerCase())) {
    throw new UsageError("--rejected must end in .csv or .xlsx");
  }
  return {
    file: positionals[0] as string,
    scope: values["community-scope"],
    mapping,
    dryRun: values["dry-run"] ?? false,
    allOrNothing: values["all-or-nothing"] ?? false,
    rejected,
  };
}

/** `shequ import <file>`: the web import's use cases, run in-process against the server's database. */
export async function run(args: string[]): Promise<void> {
  const options = parseImportArgs(args);
  if (!options) {
    console.log(HELP);
    return;
  }
  const file = openImportFile(options.file);
  await withDatabase((handle) => importFile(handle, options, file));
}

function openImportFile(path: string): SheetFile {
  let file: SheetFile;
  try {
    file = new SheetFile(path);
  } catch {
    throw new UsageError(`Cannot read ${path}`);
  }
  if (file.size > MAX_CLI_BYTES) throw new UsageError(`${path} is larger than 1 GB: split it`);
  return file;
}

/**
 * Previews or commits the file and writes its rejected rows beside it. The file is read from
 * disk a piece at a time, twice when rows are rejected, and never held whole in memory.
 */
export async function importFile(
  handle: DbHandle,
  options: ImportArgs,
  file: SheetFile = openImportFile(options.file),
): Promise<void> {
  const actor = await operator(handle, options.scope);
  const rejected = new RejectedRows();
  const shown: RowError[] = [];
  const onRejected = (row: number, errors: RowError[]) => {
    rejected.add(row, errors);
    if (shown.length < 20) shown.push(...errors);
  };
  const common = { actor, file, mapping: options.mapping, maxBytes: MAX_CLI_BYTES, onRejected };
  let failure: unknown;
  try {
    if (options.dryRun) {
      printReport(await previewImport(handle, common), "would import");
    } else {
      const done = await commitFile(handle, {
        ...common,
        filename: options.file,
        allOrNothing: options.allOrNothing,
      });
      printReport(done, "imported");
      console.log(`Inserted ${done.inserted}, updated ${done.updated} (import ${done.jobId}).`);
    }
  } catch (error) {
    failure = error;
  }
  for (const e of shown.slice(0, 20)) console.error(`  row ${e.row}, ${e.column}: ${e.message}`);
  if (rejected.reasons.size > 0) {
    const out = options.rejected ?? `${options.file.replace(/\.(csv|xlsx|txt)$/i, "")}.rejected.csv`;
    const writer = createSheetWriter(extname(out).toLowerCase() === ".xlsx" ? "xlsx" : "csv", {
      sheetName: "错误行",
    });
    const written = pipeline(writer.output, createWriteStream(out));
    await writeRejectedRows(writer, { file, mapping: options.mapping, rejected, maxBytes: MAX_CLI_BYTES });
    await written;
    console.error(`${rejected.reasons.size} rejected rows, with reasons, written to ${out}`);
  }
  if (failure) throw failure;
}

/** The operator: an unscoped administrator, or one scoped to the given region. */
async function operator(handle: DbHandle, scopeRef: string | undefined): Promise<Actor> {
  if (!scopeRef) return { id: null, role: "admin", scope: null };
  let regionId: string;
  try {
    regionId = await resolveRegionRef(handle.db, scopeRef, "community-scope");
  } catch (error) {
    throw error instanceof AppError ? new UsageError(`--community-scope: ${error.message}`) : error;
  }
  const region = await handle.db
    .selectFrom("regions")
    .select(["id", "level", "path"])
    .where("id", "=", regionId)
    .executeTakeFirst();
  if (!region) throw new UsageError(`--community-scope: no region ${scopeRef}`);
  const scope: Scope = { regionId: region.id, level: region.level, path: region.path };
  return { id: null, role: "admin", scope };
}

function printReport(report: ImportReport, verb: string): void {
  const encoding = report.encoding ? `, ${report.encoding}` : "";
  console.log(
    `Read ${report.totalRows} rows (${report.format}${encoding}; header on row ${report.headerRow}).`,
  );
  if (report.missingFields.length > 0) {
    const missing = report.missingFields.map((f) => `${IMPORT_FIELD_LABELS[f].zh} (${f})`).join(", ");
    console.log(`Missing columns: ${missing}.`);
    if (report.unmappedHeaders.length > 0) {
      console.log(
        `Columns not recognised: ${report.unmappedHeaders.join(", ")} — map them with --map <header>=<field>.`,
      );
    }
    return;
  }
  const c = report.creates;
  console.log(
    `Valid ${report.validRows}, rejected ${report.rejectedRows}; ${verb} ${report.inserts} new and ${report.updates} known people; ` +
      `buildings +${c.buildings}, units +${c.units}, households +${c.households}.`,
  );
}
