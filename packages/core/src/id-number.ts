/**
 * Chinese resident identity numbers (公民身份号码, GB 11643-1999): 6-digit region code,
 * 8-digit birth date, 3-digit sequence (odd = male) and a MOD 11-2 check character.
 */

/** Why an identity-document number was rejected; `idReasonMessage` turns it into a sentence. */
export type IdReason =
  | "empty"
  | "length"
  | "format"
  | "region"
  | "birth_date_invalid"
  | "birth_date_future"
  | "birth_date_too_old"
  | "check_digit";

export type CnIdResult =
  | { ok: true; normalized: string; birthDate: string; sex: "M" | "F"; regionCode: string }
  | { ok: false; reason: IdReason };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/** Province-level prefixes of GB/T 2260, plus Taiwan (71) and the HK/Macao/Taiwan permit codes (81–83). */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split(
    " ",
  ),
);

const EARLIEST_BIRTH_DATE = "1900-01-01";
/** China has used UTC+8 all year since 1991; "today" is the date in Beijing, not on the server. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Computes the GB 11643 check character for the first 17 digits, so generators and the
 * validator share one implementation of the MOD 11-2 rule.
 */
export function cnIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("cnIdCheckDigit needs exactly 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Turns what a registrar typed or pasted into canonical form: trimmed, full-width digits and
 * letters made half-width (Chinese input methods produce them), letters upper-cased so "x" is "X".
 */
export function normalizeIdText(value: string): string {
  return value
    .trim()
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .toUpperCase();
}

/**
 * Checks the birth date embedded at characters 7–14 of an 18-character number and returns it
 * as YYYY-MM-DD; shared with the 2023 foreigner permit, which embeds it at the same place.
 */
export function checkEmbeddedBirthDate(
  digits8: string,
  today: Date = new Date(),
): { ok: true; birthDate: string } | { ok: false; reason: IdReason } {
  const year = Number(digits8.slice(0, 4));
  const month = Number(digits8.slice(4, 6));
  const day = Number(digits8.slice(6, 8));
  if (!/^\d{8}$/.test(digits8) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: "birth_date_invalid" };
  }
  const birthDate = `${digits8.slice(0, 4)}-${digits8.slice(4, 6)}-${digits8.slice(6, 8)}`;
  if (birthDate < EARLIEST_BIRTH_DATE) return { ok: false, reason: "birth_date_too_old" };
  if (birthDate > formatChinaDate(today)) return { ok: false, reason: "birth_date_future" };
  return { ok: true, birthDate };
}

/**
 * Validates a resident ID number and extracts what it encodes, so registration can pre-fill
 * birth date and sex and reject typos with a reason the registrar can act on.
 */
export function checkCnIdNumber(value: string, today: Date = new Date()): CnIdResult {
  const normalized = normalizeIdText(value);
  if (normalized === "") return { ok: false, reason: "empty" };
  if (normalized.length !== 18) return { ok: false, reason: "length" };
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, reason: "format" };
  if (!PROVINCE_PREFIXES.has(normalized.slice(0, 2))) return { ok: false, reason: "region" };
  const birth = checkEmbeddedBirthDate(normalized.slice(6, 14), today);
  if (!birth.ok) return birth;
  if (cnIdCheckDigit(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, reason: "check_digit" };
  return {
    ok: true,
    normalized,
    birthDate: birth.birthDate,
    sex: Number(normalized[16]) % 2 === 1 ? "M" : "F",
    regionCode: normalized.slice(0, 6),
  };
}

/**
 * Builds a valid synthetic ID number for demo data and tests; an odd sequence gives a man,
 * an even one a woman. Throws on malformed input because callers are programs, not people.
 */
export function makeCnIdNumber(opts: { regionCode: string; birthDate: string; sequence: number }): string {
  const { regionCode, birthDate, sequence } = opts;
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate))
    throw new RangeError(`birthDate must be YYYY-MM-DD: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0–999: ${sequence}`);
  }
  const first17 = `${regionCode}${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  return first17 + cnIdCheckDigit(first17);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function formatChinaDate(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
