import { type IdType, idReasonMessage } from "@shequ/core/id-document";
import type { IdReason } from "@shequ/core/id-number";
import { type PhoneReason, phoneReasonMessage } from "@shequ/core/phone";
import { useTranslation } from "react-i18next";
import { ApiError, type FieldIssue } from "./api-client";
import { type Lang, useLang } from "./i18n/setup-i18n";

const ID_REASONS: readonly string[] = [
  "empty",
  "length",
  "format",
  "region",
  "birth_date_invalid",
  "birth_date_future",
  "birth_date_too_old",
  "check_digit",
] satisfies IdReason[];
const PHONE_REASONS: readonly string[] = ["empty", "length", "format"] satisfies PhoneReason[];

/**
 * The message for one field issue in the user's language: ID and phone reasons come from core
 * (the same sentences the form shows while typing); others keep the server's text.
 */
export function issueText(issue: FieldIssue, lang: Lang, idType?: IdType): string {
  const field = issue.field.split(".").pop() ?? issue.field;
  if (field === "idNumber" && ID_REASONS.includes(issue.reason)) {
    return idReasonMessage(issue.reason as IdReason, lang, idType);
  }
  if (field === "phone" && PHONE_REASONS.includes(issue.reason)) {
    return phoneReasonMessage(issue.reason as PhoneReason, lang);
  }
  return issue.message;
}

/** Turns any thrown value into one sentence for a message or an alert. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const lang = useLang();
  return (error: unknown) => {
    if (!(error instanceof ApiError)) return t("errors.internal");
    if (error.code === "validation" && error.issues.length > 0) {
      return error.issues.map((issue) => issueText(issue, lang)).join("；");
    }
    // English screens can show the server's own sentence; Chinese ones use our wording.
    if (lang === "en" && error.message && error.code !== "internal") return error.message;
    return t(`errors.${error.code}`);
  };
}
