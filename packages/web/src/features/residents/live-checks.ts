import { checkIdDocument, type IdType, idReasonMessage } from "@shequ/core/id-document";
import { checkMobile, phoneReasonMessage } from "@shequ/core/phone";
import type { Lang } from "../../app/i18n/setup-i18n";

/** What a field shows while the user types: nothing yet, progress, a problem, or the good news. */
export interface LiveCheck {
  status: "" | "success" | "error";
  help?: string;
  /** Derived from a valid ID number, to pre-fill and show beside it. */
  birthDate?: string;
  sex?: "M" | "F";
}

/** The longest number each document may have; shorter input is "still typing", not an error. */
const MAX_LENGTH: Record<IdType, number> = {
  cn_id: 18,
  hmt_residence_permit: 18,
  passport: 17,
  hk_macao_permit: 11,
  taiwan_permit: 10,
  foreigner_permit: 18,
};

/**
 * Checks an ID number as it is typed. Until the last character only a wrong character is an
 * error, so the registrar is not scolded for a number she has not finished; `strict` (after a
 * submit) reports everything.
 */
export function checkIdLive(
  type: IdType,
  value: string | undefined,
  opts: { lang: Lang; strict: boolean; optional: boolean },
): LiveCheck {
  const text = (value ?? "").trim();
  if (text === "") {
    return opts.strict && !opts.optional
      ? { status: "error", help: idReasonMessage("empty", opts.lang, type) }
      : { status: "" };
  }
  const result = checkIdDocument(type, text);
  if (result.ok) {
    return { status: "success", birthDate: result.birthDate, sex: result.sex };
  }
  const typed = text.replace(/\s/g, "").length;
  if (result.reason === "length" && typed < MAX_LENGTH[type] && !opts.strict) {
    return {
      status: "",
      help:
        opts.lang === "zh"
          ? `已输入 ${typed} 位，共 ${MAX_LENGTH[type]} 位`
          : `${typed} of ${MAX_LENGTH[type]} characters`,
    };
  }
  return { status: "error", help: idReasonMessage(result.reason, opts.lang, type) };
}

/** The same for a mobile number: 11 digits, checked when all are in. */
export function checkPhoneLive(value: string | undefined, opts: { lang: Lang; strict: boolean }): LiveCheck {
  const text = (value ?? "").trim();
  if (text === "") return { status: "" };
  const result = checkMobile(text);
  if (result.ok) return { status: "success" };
  const digits = text.replace(/\D/g, "").length;
  if (result.reason === "length" && digits < 11 && !opts.strict) {
    return {
      status: "",
      help: opts.lang === "zh" ? `已输入 ${digits} 位，共 11 位` : `${digits} of 11 digits`,
    };
  }
  return { status: "error", help: phoneReasonMessage(result.reason, opts.lang) };
}
