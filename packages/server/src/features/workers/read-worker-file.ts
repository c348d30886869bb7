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
  type WorkerImportField,
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
  reason: string;
  message: string;
}

export interface WorkerFile {
  format: SheetFormat;
  headers: string[];
  totalRows: number;
  rows: WorkerFileRow[];
  errors: WorkerRowError[];
}

/**
 * Reads a workforce CSV or XLSX with the registry import's reader (format from the bytes, CSV
 * in UTF-8, UTF-16 or GB18030), finds the header row below any title, and checks every row:
 * a name, a mainland mobile, a known category (blank = the default given), known skills and
 * readable times. A phone repeated in the file is an error on the later row.
 */
export async function readWorkerFile(
  bytes: Uint8Array,
  opts: { defaultSource: WorkerSource },
): Promise<WorkerFile> {
  const sheet = openSheet(bytes);
  const top: SheetRow[] = [];
  let header: SheetRow | undefined;
  let columns: Partial<Record<WorkerImportField, number>> = {};
  const rows: WorkerFileRow[] = [];
  const errors: WorkerRowError[] = [];
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
        errors.push(...checked.errors);
        continue;
      }
      const first = seen.get(checked.phone);
      if (first !== undefined) {
        errors.push(
          error(
            line.row,
            header.cells,
            columns.phone,
            maskPhone(checked.phone),
            "duplicate_in_file",
            `The same phone as row ${first}: one person per phone`,
          ),
        );
        continue;
      }
      seen.set(checked.phone, line.row);
      rows.push(checked);
    }
  }
  if (!header) throw missingColumns();
  return { format: sheet.format, headers: header.cells, totalRows, rows, errors };
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
  const fail = (field: WorkerImportField, value: string, reason: string, message: string) =>
    errors.push(error(line.row, headers, columns[field], value.slice(0, MAX_VALUE), reason, message, field));

  const name = cell("name");
  if (name === "") fail("name", "", "required", "Enter the name");
  else if (Array.from(name).length > 50) fail("name", name, "too_long", "A name has at most 50 characters");

  const phoneCell = cell("phone");
  const phone = checkMobile(phoneCell);
  if (!phone.ok) fail("phone", maskPhone(phoneCell), `phone_${phone.reason}`, phoneMessage(phone.reason));

  const sourceCell = cell("source");
  const source = sourceCell === "" ? defaultSource : parseWorkerSource(sourceCell);
  if (!source) {
    fail(
      "source",
      sourceCell,
      "source",
      "Unknown category: 社区工作人员, 下沉干部, 医护人员, 志愿者 or 社会组织成员",
    );
  }

  const skills = parseQualifications(cell("qualifications"));
  if (skills.unknown.length > 0) {
    fail(
      "qualifications",
      skills.unknown.join("、"),
      "qualification",
      "Unknown skill: 医护采样资质, 消杀, 驾驶员, 心理疏导, 党员 or 退役军人",
    );
  }

  const availability = parseAvailability(cell("availability"));
  if (!availability) {
    fail(
      "availability",
      cell("availability"),
      "availability",
      "Times are read as 2026-11-29 08:00-12:00, separated by ；",
    );
  }

  const emergencyCell = cell("emergencyPhone");
  let emergencyPhone: string | null = null;
  if (emergencyCell !== "") {
    const mobile = checkMobile(emergencyCell);
    if (mobile.ok) emergencyPhone = mobile.normalized;
    else if (/^[+(]?\d[\d\s\-()]{5,28}$/.test(emergencyCell)) emergencyPhone = emergencyCell;
    else fail("emergencyPhone", maskPhone(emergencyCell), "phone_format", "This is not a phone number");
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
  reason: string,
  message: string,
  field: WorkerImportField = "phone",
): WorkerRowError {
  const column = (ix === undefined ? undefined : headers[ix]) ?? WORKER_HEADER_ALIASES[field][0] ?? field;
  return { row, column, value, reason, message };
}

function phoneMessage(reason: string): string {
  if (reason === "empty") return "Enter a mobile number";
  if (reason === "length") return "A mobile number has 11 digits: check for missing or extra digits";
  return "This is not a mainland mobile number: it should be 11 digits starting with 13 to 19";
}

const missingColumns = () =>
  new AppError("bad_request", "The file needs a 姓名 (name) and a 手机号 (phone) column in its header row", {
    reason: "missing_columns",
  });
