import { maskPhone } from "@shequ/core/mask";
import { checkMobile } from "@shequ/core/phone";
import type { Qualification } from "@shequ/core/work-zones";
import {
  mapWorkerHeaders,
  parseAvailability,
  parseQualifications,
  parseWorkerSource,
  parseYes,
  WORKER_HEADER_ALIASES,
  WORKER_IMPORT_REASON_LABELS,
  type WorkerImportField,
  type WorkerImportReason,
} from "@shequ/core/worker-columns";
import type { AvailabilityWindow, WorkerSource } from "@shequ/core/worker-schema";
import { AppError } from "../../errors";
import { isBlankRow } from "../imports/check-row";
import { openSheet, type SheetFormat, type SheetRow } from "../imports/read-sheet";

/** A workforce list is a few thousand people, not a registry. */
export const MAX_WORKER_ROWS = 20_000;
const HEADER_SEARCH_ROWS = 10;
const MAX_VALUE = 50;

/** One person from the file, checked, in the form it is stored. */
export interface WorkerFileRow {
  row: number;
  name: string;
  phone: string;
  source: WorkerSource;
  sourceOrg: string | null;
  sourceCity: string | null;
  qualifications: Qualification[];
  availability: AvailabilityWindow[];
  emergencyContact: string | null;
  emergencyPhone: string | null;
  hideName: boolean;
  note: string | null;
}

/** One problem in one cell; phones masked. */
export interface WorkerRowError {
  row: number;
  column: string;
  value: string;
  reason: WorkerImportReason;
  message: string;
  /** duplicate_in_file: the earlier row with the same phone. */
  firstRow?: number;
}

export interface WorkerFile {
  format: SheetFormat;
  headers: string[];
  totalRows: number;
  rows: WorkerFileRow[];
  errors: WorkerRowError[];
  /** With `keepRejected`: each left-out row as it stands in the file, in file order. */
  rejected: SheetRow[];
}

/**
 * Reads a workforce CSV or XLSX with the registry import's reader (format from the bytes, CSV
 * in UTF-8, UTF-16 or GB18030), finds the header row below any title, and checks every row:
 * a name, a mainland mobile, a known category (blank = the default given), known skills and
 * readable times. A phone repeated in the file is an error on the later row.
 */
export async function readWorkerFile(
  bytes: Uint8Array,
  opts: { defaultSource: WorkerSource; keepRejected?: boolean },
): Promise<WorkerFile> {
  const sheet = openSheet(bytes);
  const top: SheetRow[] = [];
  let header: SheetRow | undefined;
  let columns: Partial<Record<WorkerImportField, number>> = {};
  const rows: WorkerFileRow[] = [];
  const errors: WorkerRowError[] = [];
  const rejected: SheetRow[] = [];
  const reject = (line: SheetRow, problems: WorkerRowError[]) => {
    errors.push(...problems);
    if (opts.keepRejected) rejected.push(line);
  };
  const seen = new Map<string, number>();
  let totalRows = 0;
  for await (const batch of sheet.batches()) {
    for (const line of batch) {
      if (isBlankRow(line.cells)) continue;
      if (!header) {
        top.push(line);
        const mapped = mapWorkerHeaders(line.cells);
        if (mapped.name !== undefined && mapped.phone !== undefined) {
          header = line;
          columns = mapped;
        } else if (top.length >= HEADER_SEARCH_ROWS) {
          throw missingColumns();
        }
        continue;
      }
      totalRows += 1;
      if (totalRows > MAX_WORKER_ROWS) {
        throw new AppError(
          "payload_too_large",
          `The file has more than ${MAX_WORKER_ROWS.toLocaleString("en")} people: split it into several files`,
          { reason: "too_many_rows", max: MAX_WORKER_ROWS },
        );
      }
      const checked = checkRow(line, columns, header.cells, opts.defaultSource);
      if ("errors" in checked) {
        reject(line, checked.errors);
        continue;
      }
      const first = seen.get(checked.phone);
      if (first !== undefined) {
        reject(line, [
          {
            ...error(
              line.row,
              header.cells,
              columns.phone,
              maskPhone(checked.phone),
              "duplicate_in_file",
              "phone",
              `The same phone as row ${first}: one person per phone`,
            ),
            firstRow: first,
          },
        ]);
        continue;
      }
      seen.set(checked.phone, line.row);
      rows.push(checked);
    }
  }
  if (!header) throw missingColumns();
  return { format: sheet.format, headers: header.cells, totalRows, rows, errors, rejected };
}

function checkRow(
  line: SheetRow,
  columns: Partial<Record<WorkerImportField, number>>,
  headers: readonly string[],
  defaultSource: WorkerSource,
): WorkerFileRow | { errors: WorkerRowError[] } {
  const cell = (field: WorkerImportField) => {
    const ix = columns[field];
    return ix === undefined ? "" : (line.cells[ix] ?? "").trim();
  };
  const errors: WorkerRowError[] = [];
  const fail = (field: WorkerImportField, value: string, reason: WorkerImportReason) =>
    errors.push(error(line.row, headers, columns[field], value.slice(0, MAX_VALUE), reason, field));

  const name = cell("name");
  if (name === "") fail("name", "", "required");
  else if (Array.from(name).length > 50) fail("name", name, "too_long");

  const phoneCell = cell("phone");
  const phone = checkMobile(phoneCell);
  if (!phone.ok) fail("phone", maskPhone(phoneCell), `phone_${phone.reason}`);

  const sourceCell = cell("source");
  const source = sourceCell === "" ? defaultSource : parseWorkerSource(sourceCell);
  if (!source) fail("source", sourceCell, "source");

  const skills = parseQualifications(cell("qualifications"));
  if (skills.unknown.length > 0) fail("qualifications", skills.unknown.join("、"), "qualification");

  const availability = parseAvailability(cell("availability"));
  if (!availability) fail("availability", cell("availability"), "availability");

  const emergencyCell = cell("emergencyPhone");
  let emergencyPhone: string | null = null;
  if (emergencyCell !== "") {
    const mobile = checkMobile(emergencyCell);
    if (mobile.ok) emergencyPhone = mobile.normalized;
    else if (/^[+(]?\d[\d\s\-()]{5,28}$/.test(emergencyCell)) emergencyPhone = emergencyCell;
    else fail("emergencyPhone", maskPhone(emergencyCell), "emergency_phone_format");
  }

  if (errors.length > 0 || !phone.ok || !source || !availability) return { errors };
  const org = cell("sourceOrg") || cell("hospital");
  return {
    row: line.row,
    name,
    phone: phone.normalized,
    source,
    sourceOrg: org ? org.slice(0, 100) : null,
    sourceCity: cell("sourceCity").slice(0, 50) || null,
    qualifications: skills.qualifications,
    availability,
    emergencyContact: cell("emergencyContact").slice(0, 50) || null,
    emergencyPhone,
    hideName: parseYes(cell("hideName")),
    note: cell("note").slice(0, 2000) || null,
  };
}

function error(
  row: number,
  headers: readonly string[],
  ix: number | undefined,
  value: string,
  reason: WorkerImportReason,
  field: WorkerImportField,
  message = WORKER_IMPORT_REASON_LABELS[reason].en,
): WorkerRowError {
  const column = (ix === undefined ? undefined : headers[ix]) ?? WORKER_HEADER_ALIASES[field][0] ?? field;
  return { row, column, value, reason, message };
}

const missingColumns = () =>
  new AppError("bad_request", "The file needs a 姓名 (name) and a 手机号 (phone) column in its header row", {
    reason: "missing_columns",
  });
