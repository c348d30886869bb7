import { doorSortKey } from "@shequ/core/door";
import { parseFlags, type ResidentFlag } from "@shequ/core/flags";
import { checkIdDocument, type IdType, parseIdType } from "@shequ/core/id-document";
import { type ImportField, unescapeFormula } from "@shequ/core/import-columns";
import { maskIdNumber, maskPhone } from "@shequ/core/mask";
import { checkMobile } from "@shequ/core/phone";
import type { Placement } from "./placement";
import type { SheetRow } from "./read-sheet";
import { type MessageParams, type RowReason, rowMessage } from "./row-messages";

/** A row ready to stage: every value checked and in the form it is stored. */
export interface CheckedRow {
  row: number;
  name: string;
  idType: IdType;
  idNumber: string;
  birthDate: string | null;
  sex: "M" | "F" | null;
  phone: string | null;
  flags: ResidentFlag[];
  unitIx: number;
  door: string;
  doorKey: string;
}

/** One problem in one cell, as the preview and the rejected-rows file show it. */
export interface RowError {
  row: number;
  /** The file's header for the column (or the field's Chinese label when the file has none). */
  column: string;
  /** The cell, cut to 50 characters; ID numbers and phones masked. */
  value: string;
  reason: RowReason;
  message: string;
  messageEn: string;
}

const MAX_VALUE_CHARS = 50;
const MAX_NAME = 50;
const MAX_REGION_NAME = 50;
const MAX_DOOR = 20;
const PLAIN_MOBILE = /^1[3-9]\d{9}$/;
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;

/**
 * Checks rows one at a time, remembering ID numbers already seen so a repeat names the row it
 * repeats. Returns the stored form of a valid row, or every problem found in it.
 */
export class RowChecker {
  #seen = new Map<string | number, number>();
  #idTypes = new Map<string, IdType | undefined>();
  #doorKeys = new Map<string, string>();
  readonly #today = new Date();
  #cells: readonly string[] = [];
  #row = 0;
  #errors: RowError[] = [];

  constructor(
    private readonly columns: Partial<Record<ImportField, number>>,
    private readonly headerOf: (field: ImportField) => string,
    private readonly placement: Placement,
  ) {}

  /** A cell as text: trimmed, a formula guard undone, NUL (which PostgreSQL refuses) dropped. */
  #cell(field: ImportField): string {
    const i = this.columns[field];
    if (i === undefined) return "";
    const raw = this.#cells[i];
    if (raw === undefined || raw === "") return "";
    const text = unescapeFormula(raw.trim());
    return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  }

  #fail(field: ImportField, reason: RowReason, value: string, params: MessageParams = {}): void {
    const message = rowMessage(reason, { value: cut(value), ...params });
    this.#errors.push({
      row: this.#row,
      column: this.headerOf(field),
      value: shown(field, value),
      reason,
      message: message.zh,
      messageEn: message.en,
    });
  }

  /** Door numbers repeat in every unit ("101", "102", …): their sort keys are worked out once. */
  #doorKey(door: string): string {
    let key = this.#doorKeys.get(door);
    if (key === undefined) {
      if (this.#doorKeys.size > 100_000) this.#doorKeys.clear();
      key = doorSortKey(door);
      this.#doorKeys.set(door, key);
    }
    return key;
  }

  #idType(text: string): IdType | undefined {
    if (text === "") return "cn_id";
    if (!this.#idTypes.has(text)) this.#idTypes.set(text, parseIdType(text));
    return this.#idTypes.get(text);
  }

  check(sheetRow: SheetRow): CheckedRow | RowError[] {
    const { numeric } = sheetRow;
    this.#cells = sheetRow.cells;
    this.#row = sheetRow.row;
    this.#errors = [];

    const name = this.#cell("name");
    if (name === "") this.#fail("name", "name_empty", name);
    else if (charLength(name) > MAX_NAME) this.#fail("name", "name_too_long", name);

    const idTypeText = this.#cell("id_type");
    const idType = this.#idType(idTypeText);
    if (!idType) this.#fail("id_type", "id_type_unknown", idTypeText);

    const document = this.#checkDocument(idType, numeric);

    const phoneText = this.#cell("phone");
    let phone: string | null = null;
    if (phoneText.includes("*")) this.#fail("phone", "phone_masked", phoneText);
    else if (PLAIN_MOBILE.test(phoneText))
      phone = phoneText; // what checkMobile would return, without its work
    else if (phoneText !== "") {
      const result = checkMobile(phoneText);
      if (result.ok) phone = result.normalized;
      else if (result.reason !== "empty") this.#fail("phone", `phone_${result.reason}`, phoneText);
    }

    const flagsText = this.#cell("flags");
    const parsedFlags = flagsText === "" ? NO_FLAGS : parseFlags(flagsText);
    if (parsedFlags.unknown.length > 0) {
      this.#fail("flags", "flags_unknown", flagsText, { value: cut(parsedFlags.unknown.join("、")) });
    }

    const door = this.#cell("door");
    if (door === "") this.#fail("door", "door_empty", door);
    else if (charLength(door) > MAX_DOOR) this.#fail("door", "door_too_long", door);
    const unitIx = this.#place();

    if (this.#errors.length > 0 || !document || !idType) return this.#errors;
    return {
      row: this.#row,
      name,
      idType,
      idNumber: document.normalized,
      birthDate: document.birthDate ?? null,
      sex: document.sex ?? null,
      phone,
      flags: parsedFlags.flags,
      unitIx,
      door,
      doorKey: this.#doorKey(door),
    };
  }

  #checkDocument(
    idType: IdType | undefined,
    numeric: readonly boolean[] | undefined,
  ): { normalized: string; birthDate?: string; sex?: "M" | "F" } | undefined {
    const idText = this.#cell("id_number");
    const idColumn = this.columns.id_number;
    const idNumeric = idColumn !== undefined && numeric?.[idColumn] === true;
    if (SCIENTIFIC.test(idText) || (idNumeric && (idText.length > 15 || !/^\d+$/.test(idText)))) {
      this.#fail("id_number", "id_number_as_number", idText);
      return undefined;
    }
    if (idText.includes("*")) {
      this.#fail("id_number", "id_number_masked", idText);
      return undefined;
    }
    if (!idType) return undefined;
    const result = checkIdDocument(idType, idText, this.#today);
    if (!result.ok) {
      this.#fail("id_number", result.reason, idText, { idType });
      return undefined;
    }
    const key = seenKey(idType, result.normalized);
    const first = this.#seen.get(key);
    if (first === undefined) this.#seen.set(key, this.#row);
    else this.#fail("id_number", "duplicate_in_file", idText, { firstRow: first });
    return result;
  }

  /** The row's unit index, or -1 with the address problems recorded. */
  #place(): number {
    const names = {
      community: this.#cell("community"),
      grid: this.#cell("grid"),
      building: this.#cell("building"),
      unit: this.#cell("unit"),
    };
    let addressOk = true;
    for (const field of ADDRESS_FIELDS) {
      const value = names[field];
      if (value === "") {
        this.#fail(field, `${field}_empty`, "");
        addressOk = false;
      } else if ((field === "building" || field === "unit") && charLength(value) > MAX_REGION_NAME) {
        this.#fail(field, `${field}_too_long`, value);
        addressOk = false;
      }
    }
    if (!addressOk) return -1;
    const placed = this.placement.place(names, this.#errors.length === 0);
    if (placed.ok) return placed.unit.ix;
    if (placed.reason) {
      this.#fail(placed.field, placed.reason, names[placed.field], {
        community: this.placement.communityName(names.community) ?? names.community,
      });
    }
    return -1;
  }
}

const ADDRESS_FIELDS = ["community", "grid", "building", "unit"] as const;
const NO_FLAGS: { flags: ResidentFlag[]; unknown: string[] } = { flags: [], unknown: [] };

/**
 * What the duplicate check remembers of a valid document. A resident ID number is one number:
 * region (6 digits) × 3·10⁹ + ((birth year − 1800) × 10⁴ + month-day) × 10³ + sequence, below
 * 3·10¹⁵ and so exact in a double (the check digit follows from the rest). A million of them
 * take 46 MB of heap where the strings took 115 MB, and the heap an import grows to is a few
 * times what it keeps. Any other document (or a birth year outside 1800–2099) keys by its text.
 */
export function seenKey(idType: IdType, normalized: string): string | number {
  if (idType === "cn_id") {
    const year = Number(normalized.slice(6, 10));
    if (year >= 1800 && year < 2100) {
      const dateSeq = ((year - 1800) * 10_000 + Number(normalized.slice(10, 14))) * 1000;
      return Number(normalized.slice(0, 6)) * 3e9 + dateSeq + Number(normalized.slice(14, 17));
    }
  }
  return `${idType}\u0001${normalized}`;
}

/** Whether every cell of a row is blank: such rows are skipped, not reported. */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== "" && c.trim() !== "") return false;
  return true;
}

function charLength(text: string): number {
  return text.length <= 50 ? text.length : Array.from(text).length;
}

function cut(value: string): string {
  return charLength(value) <= MAX_VALUE_CHARS
    ? value
    : `${Array.from(value).slice(0, MAX_VALUE_CHARS).join("")}…`;
}

function shown(field: ImportField, value: string): string {
  if (value === "") return "";
  if (field === "id_number") return maskIdNumber(cut(value));
  if (field === "phone") return maskPhone(cut(value));
  return cut(value);
}
