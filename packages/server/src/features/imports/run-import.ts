import {
  type HeaderMapping,
  IMPORT_FIELD_LABELS,
  type ImportField,
  mapHeaders,
} from "@shequ/core/import-columns";
import { maskIdNumber } from "@shequ/core/mask";
import type { DbHandle, RawSession } from "../../db/client";
import { AppError } from "../../errors";
import type { Actor } from "./actor";
import { type CheckedRow, isBlankRow, RowChecker, type RowError } from "./check-row";
import { ChunkPipeline } from "./chunk-pipeline";
import { dropSecondaryIndexes, restoreIndexes, shouldDeferIndexes } from "./defer-indexes";
import { findHeader } from "./find-header";
import { Placement } from "./placement";
import { openSheet, type SheetFormat, type SheetSource, sourceBytes } from "./read-sheet";
import { rowMessage } from "./row-messages";
import { createStagingTables, RowStager } from "./staging";
import { countMissingHouseholds } from "./write-staged";

export interface ImportReport {
  format: SheetFormat;
  encoding?: string;
  /** The header row as in the file, and its row number (a title row may sit above it). */
  headers: string[];
  headerRow: number;
  mapping: Record<string, ImportField>;
  missingFields: ImportField[];
  unmappedHeaders: string[];
  /** Non-blank data rows. */
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  /** The first `errorLimit` problems, by row. */
  errors: RowError[];
  /** How many problems of each kind, over the whole file. */
  errorCounts: Record<string, number>;
  creates: { buildings: number; units: number; households: number };
  /** Valid rows whose person is already registered (matched by ID number): updated on commit. */
  updates: number;
  inserts: number;
}

export interface ImportOptions {
  actor: Actor;
  /** The upload's bytes, or a file on disk (the command line), read a piece at a time. */
  file: SheetSource;
  /** File header → field, from the mapping UI; "" ignores a column. */
  mapping?: Record<string, string>;
  errorLimit?: number;
  /** Largest file accepted; 64 MB (the upload limit) unless the caller reads from disk. */
  maxBytes?: number;
  /** Called for every rejected row, with all its problems (the rejected-rows file uses it). */
  onRejected?: (row: number, errors: RowError[]) => void;
}

/**
 * Parses, checks and stages a file without changing anything, and says what a commit would do.
 * Nothing is written: the staging tables vanish with the transaction.
 */
export function previewImport(handle: DbHandle, opts: ImportOptions): Promise<ImportReport> {
  return processImport(handle, opts, null);
}

export interface CommitHooks {
  /** Runs inside the transaction first (e.g. lock and check the job row). */
  before?(raw: RawSession): Promise<void>;
  /** Runs inside the transaction last (mark the job committed, audit); a throw undoes all. */
  after?(raw: RawSession, report: ImportReport & CommitResult): Promise<void>;
}

export interface CommitResult {
  inserted: number;
  updated: number;
}

/**
 * Imports the valid rows of a file in one transaction: buildings, units and households are
 * created as needed and people are inserted or updated by ID number. Either all valid rows go
 * in or, after any failure, nothing does.
 */
export function commitImport(
  handle: DbHandle,
  opts: ImportOptions,
  hooks: CommitHooks = {},
): Promise<ImportReport & CommitResult> {
  return processImport(handle, opts, hooks) as Promise<ImportReport & CommitResult>;
}

async function processImport(
  handle: DbHandle,
  opts: ImportOptions,
  commit: CommitHooks | null,
): Promise<ImportReport | (ImportReport & CommitResult)> {
  const sheet = openSheet(opts.file, opts.maxBytes);
  const batches = sheet.batches();
  const found = await findHeader(batches, opts.mapping ?? {});
  if (!found) throw new AppError("bad_request", "The file has no rows", { reason: "no_rows" });
  const headers = found.header.cells.map((c) => c.trim());
  const mapped = mapHeaders(headers, opts.mapping ?? {});
  const report = emptyReport(sheet.format, sheet.encoding, headers, found.header.row, mapped);
  const rows = found.rows();

  if (mapped.missingFields.length > 0) {
    if (commit) {
      const missing = mapped.missingFields.map((f) => `${IMPORT_FIELD_LABELS[f].zh} (${f})`).join(", ");
      const unknown = mapped.unmappedHeaders.length
        ? `; columns not recognised: ${mapped.unmappedHeaders.join(", ")}`
        : "";
      throw new AppError("validation", `Map these columns first: ${missing}${unknown}`, {
        unmappedHeaders: mapped.unmappedHeaders,
        issues: mapped.missingFields.map((f) => ({
          field: `mapping.${f}`,
          reason: "missing",
          message: `No column is mapped to ${IMPORT_FIELD_LABELS[f].zh} (${f})`,
        })),
      });
    }
    for await (const batch of rows) for (const row of batch) if (!isBlankRow(row.cells)) report.totalRows++;
    if (report.totalRows === 0) throw noDataRows();
    return report;
  }

  const headerOf = (field: ImportField) => {
    const i = mapped.columns[field];
    return i === undefined ? IMPORT_FIELD_LABELS[field].zh : (headers[i] ?? IMPORT_FIELD_LABELS[field].zh);
  };
  const errorLimit = opts.errorLimit ?? 1000;
  const reject = (row: number, errors: RowError[]) => {
    report.rejectedRows++;
    for (const e of errors) {
      report.errorCounts[e.reason] = (report.errorCounts[e.reason] ?? 0) + 1;
      if (report.errors.length < errorLimit) report.errors.push(e);
    }
    opts.onRejected?.(row, errors);
  };

  return handle.bulk(async (raw) => {
    await commit?.before?.(raw);
    const placement = await Placement.load(raw, opts.actor.scope, opts.actor.role === "admin");
    await createStagingTables(raw);
    const deferred =
      commit && (await shouldDeferIndexes(handle, raw, sourceBytes(opts.file)))
        ? await dropSecondaryIndexes(raw)
        : undefined;
    const checker = new RowChecker(mapped.columns, headerOf, placement);
    const stager = new RowStager();
    const pipeline = new ChunkPipeline(raw, placement, {
      commit: commit !== null,
      scope: opts.actor.scope,
      hasPhone: mapped.columns.phone !== undefined,
      hasFlags: mapped.columns.flags !== undefined,
      onElsewhere: (rows) => {
        for (const { row, idNumber } of rows)
          reject(row, [elsewhereError(row, headerOf("id_number"), idNumber)]);
      },
    });
    try {
      for await (const batch of rows) {
        let n = 0;
        for (const row of batch) {
          if (++n % 64 === 0) await pipeline.turn();
          if (isBlankRow(row.cells)) continue;
          report.totalRows++;
          const checked: CheckedRow | RowError[] = checker.check(row);
          if (Array.isArray(checked)) reject(row.row, checked);
          else if (stager.add(checked)) await pipeline.send(stager.take());
        }
      }
      if (report.totalRows === 0) throw noDataRows();
      await pipeline.send(stager.take());
      await pipeline.finish();
      await restoreIndexes(raw, deferred);
    } catch (error) {
      // Let a chunk still running on the connection end before the transaction is rolled back.
      await pipeline.finish().catch(() => {});
      throw error;
    }

    const totals = pipeline.totals;
    report.errors.sort((a, b) => a.row - b.row);
    report.validRows = stager.staged - totals.elsewhere;
    report.creates.buildings = placement.creates().buildings;
    report.creates.units = placement.creates().units;
    if (!commit) {
      report.updates = totals.known;
      report.inserts = report.validRows - totals.known;
      report.creates.households = await countMissingHouseholds(raw);
      return report;
    }
    report.creates.households = totals.households;
    const done = {
      ...report,
      updates: totals.updated,
      inserts: totals.inserted,
      inserted: totals.inserted,
      updated: totals.updated,
    };
    await commit.after?.(raw, done);
    return done;
  });
}

function elsewhereError(row: number, column: string, idNumber: string): RowError {
  const message = rowMessage("registered_elsewhere");
  return {
    row,
    column,
    value: maskIdNumber(idNumber),
    reason: "registered_elsewhere",
    message: message.zh,
    messageEn: message.en,
  };
}

const noDataRows = () =>
  new AppError("bad_request", "The file has a header row but no residents below it", { reason: "no_rows" });

function emptyReport(
  format: SheetFormat,
  encoding: string | undefined,
  headers: string[],
  headerRow: number,
  mapped: HeaderMapping,
): ImportReport {
  return {
    format,
    ...(encoding ? { encoding } : {}),
    headers,
    headerRow,
    mapping: mapped.mapping,
    missingFields: mapped.missingFields,
    unmappedHeaders: mapped.unmappedHeaders,
    totalRows: 0,
    validRows: 0,
    rejectedRows: 0,
    errors: [],
    errorCounts: {},
    creates: { buildings: 0, units: 0, households: 0 },
    updates: 0,
    inserts: 0,
  };
}
