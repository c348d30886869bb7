/**
 * Identity documents a resident may register with. Mainland citizens use the resident ID;
 * Hong Kong, Macao and Taiwan residents and foreigners carry one of the others.
 */

import type { IdReason } from "./id-number";
import { checkCnIdNumber, checkEmbeddedBirthDate, cnIdCheckDigit, normalizeIdText } from "./id-number";

export const ID_TYPES = [
  "cn_id",
  "passport",
  "hk_macao_permit",
  "taiwan_permit",
  "hmt_residence_permit",
  "foreigner_permit",
] as const;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, { zh: string; en: string }> = {
  cn_id: { zh: "居民身份证", en: "Resident ID card" },
  passport: { zh: "护照", en: "Passport" },
  hk_macao_permit: {
    zh: "港澳居民来往内地通行证",
    en: "Mainland Travel Permit for Hong Kong and Macao Residents",
  },
  taiwan_permit: { zh: "台湾居民来往大陆通行证", en: "Mainland Travel Permit for Taiwan Residents" },
  hmt_residence_permit: {
    zh: "港澳台居民居住证",
    en: "Residence Permit for Hong Kong, Macao and Taiwan Residents",
  },
  foreigner_permit: { zh: "外国人永久居留身份证", en: "Foreign Permanent Resident ID Card" },
};

export type IdDocumentResult =
  | { ok: true; normalized: string; birthDate?: string; sex?: "M" | "F" }
  | { ok: false; reason: IdReason };

/** Short forms people write in spreadsheets and forms, lower-cased. A Map, so "constructor" is not a hit. */
const ID_TYPE_ALIASES: ReadonlyMap<string, IdType> = new Map<string, IdType>(
  Object.entries({
    身份证: "cn_id",
    二代身份证: "cn_id",
    第二代居民身份证: "cn_id",
    中华人民共和国居民身份证: "cn_id",
    "id card": "cn_id",
    中国护照: "passport",
    外国护照: "passport",
    回乡证: "hk_macao_permit",
    港澳回乡证: "hk_macao_permit",
    "home return permit": "hk_macao_permit",
    台胞证: "taiwan_permit",
    居住证: "hmt_residence_permit",
    港澳居民居住证: "hmt_residence_permit",
    台湾居民居住证: "hmt_residence_permit",
    永居证: "foreigner_permit",
    绿卡: "foreigner_permit",
    中国绿卡: "foreigner_permit",
    外国人永久居留证: "foreigner_permit",
  } satisfies Record<string, IdType>),
);

const HMT_REGION_CODES: ReadonlySet<string> = new Set(["810000", "820000", "830000"]);

/**
 * Reads a 证件类型 cell from an import or a form: Chinese labels, common short forms, English
 * labels or the codes. Returns undefined for anything else so the import can report the row.
 * Note that "居住证" maps to the HK/Macao/Taiwan permit, as the registration forms use it.
 */
export function parseIdType(label: string): IdType | undefined {
  const key = label.trim().replace(/\s+/g, " ").toLowerCase();
  if (key === "") return undefined;
  const alias = ID_TYPE_ALIASES.get(key);
  if (alias) return alias;
  return ID_TYPES.find(
    (type) =>
      type === key || ID_TYPE_LABELS[type].zh === key || ID_TYPE_LABELS[type].en.toLowerCase() === key,
  );
}

/**
 * Validates a document number for its type and returns the form to store; when the number
 * encodes a birth date (and sex), returns those too so registration can pre-fill them.
 */
export function checkIdDocument(type: IdType, value: string, today: Date = new Date()): IdDocumentResult {
  switch (type) {
    case "cn_id":
      return fromCnId(checkCnIdNumber(value, today));
    case "hmt_residence_permit": {
      const result = checkCnIdNumber(value, today);
      if (result.ok && !HMT_REGION_CODES.has(result.regionCode)) return { ok: false, reason: "region" };
      return fromCnId(result);
    }
    case "passport":
      return checkPattern(value, (n) => n >= 5 && n <= 17, /^[A-Z0-9]{5,17}$/);
    case "hk_macao_permit":
      return checkPattern(value, (n) => n === 9 || n === 11, /^[HM](\d{8}|\d{10})$/);
    case "taiwan_permit":
      return checkPattern(value, (n) => n === 8 || n === 10, /^\d{8}(\d{2})?$/);
    case "foreigner_permit":
      return checkForeignerPermit(value, today);
  }
}

function fromCnId(result: ReturnType<typeof checkCnIdNumber>): IdDocumentResult {
  if (!result.ok) return result;
  return { ok: true, normalized: result.normalized, birthDate: result.birthDate, sex: result.sex };
}

/** Length is checked apart from the pattern so the registrar hears "too short" rather than "wrong". */
function checkPattern(value: string, isLength: (n: number) => boolean, pattern: RegExp): IdDocumentResult {
  const normalized = normalizeIdText(value);
  if (normalized === "") return { ok: false, reason: "empty" };
  if (!isLength(normalized.length)) return { ok: false, reason: "length" };
  if (!pattern.test(normalized)) return { ok: false, reason: "format" };
  return { ok: true, normalized };
}

/**
 * Old permits (2004–2023) are 3 letters of nationality plus 12 digits. Since December 2023 they
 * are 18 characters: "9", province of issue, numeric nationality, birth date, sequence and a
 * GB 11643 check character. The sequence's parity is not documented as sex, so none is returned.
 */
function checkForeignerPermit(value: string, today: Date): IdDocumentResult {
  const normalized = normalizeIdText(value);
  if (normalized === "") return { ok: false, reason: "empty" };
  if (normalized.length === 15) {
    return /^[A-Z]{3}\d{12}$/.test(normalized) ? { ok: true, normalized } : { ok: false, reason: "format" };
  }
  if (normalized.length !== 18) return { ok: false, reason: "length" };
  if (!/^9\d{16}[\dX]$/.test(normalized)) return { ok: false, reason: "format" };
  const birth = checkEmbeddedBirthDate(normalized.slice(6, 14), today);
  if (!birth.ok) return birth;
  if (cnIdCheckDigit(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, reason: "check_digit" };
  return { ok: true, normalized, birthDate: birth.birthDate };
}

const SHORT_NAMES: Record<IdType, { zh: string; en: string }> = {
  cn_id: { zh: "身份证号", en: "ID number" },
  passport: { zh: "护照号", en: "passport number" },
  hk_macao_permit: { zh: "回乡证号", en: "Home Return Permit number" },
  taiwan_permit: { zh: "台胞证号", en: "Taiwan compatriot permit number" },
  hmt_residence_permit: { zh: "居住证号", en: "residence permit number" },
  foreigner_permit: { zh: "永居证号", en: "permanent residence card number" },
};

const EXPECTED_FORMS: Record<IdType, { zh: string; en: string }> = {
  cn_id: { zh: "18位：17位数字加1位数字或X", en: "18 characters: 17 digits then a digit or X" },
  passport: { zh: "5–17位字母或数字", en: "5 to 17 letters or digits" },
  hk_macao_permit: { zh: "H或M开头，后接8位或10位数字", en: "H or M followed by 8 or 10 digits" },
  taiwan_permit: { zh: "8位数字，或10位数字", en: "8 digits, or 10 digits" },
  hmt_residence_permit: {
    zh: "18位：17位数字加1位数字或X",
    en: "18 characters: 17 digits then a digit or X",
  },
  foreigner_permit: {
    zh: "15位（3个字母加12位数字）或18位（9开头）",
    en: "15 characters (3 letters and 12 digits) or 18 starting with 9",
  },
};

/**
 * Explains a rejection in a sentence a registrar can act on, naming the document and the part
 * of the number to re-check. `type` sharpens the length, format and region messages.
 */
export function idReasonMessage(reason: IdReason, lang: "zh" | "en", type: IdType = "cn_id"): string {
  const name = SHORT_NAMES[type][lang];
  const form = EXPECTED_FORMS[type][lang];
  const zh = lang === "zh";
  switch (reason) {
    case "empty":
      return zh ? `请填写${name}` : `Enter the ${name}`;
    case "length":
      return zh ? `${name}位数不对，应为${form}` : `The ${name} has the wrong length: it should be ${form}`;
    case "format":
      return zh
        ? `${name}格式不对，应为${form}`
        : `The ${name} is not in the right form: it should be ${form}`;
    case "region":
      if (type === "hmt_residence_permit") {
        return zh
          ? "居住证号应以810000（香港）、820000（澳门）或830000（台湾）开头，内地居民请选择居民身份证"
          : "A residence permit number starts with 810000, 820000 or 830000; for mainland residents choose Resident ID card";
      }
      return zh
        ? `${name}前两位不是有效的省级行政区划代码，请核对前6位`
        : `The first two digits of the ${name} are not a province code: re-check the first 6 digits`;
    case "birth_date_invalid":
      return zh
        ? `${name}中的出生日期（第7–14位）不是有效日期，请核对`
        : `The birth date in the ${name} (characters 7–14) is not a real date: re-check it`;
    case "birth_date_future":
      return zh
        ? `${name}中的出生日期（第7–14位）晚于今天，请核对`
        : `The birth date in the ${name} (characters 7–14) is in the future: re-check it`;
    case "birth_date_too_old":
      return zh
        ? `${name}中的出生日期（第7–14位）早于1900年，请核对`
        : `The birth date in the ${name} (characters 7–14) is before 1900: re-check it`;
    case "check_digit":
      return zh
        ? `${name}校验位错误，请核对最后一位`
        : "The check digit (last character) is wrong: re-check the number";
  }
}
