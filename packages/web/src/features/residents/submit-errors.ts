import type { FormInstance } from "antd";
import { ApiError } from "../../app/api-client";
import { issueText } from "../../app/error-text";
import type { Lang } from "../../app/i18n/setup-i18n";

/**
 * Puts a server's validation issues next to their inputs. ID number and phone messages go to
 * the returned record (those fields show live checks); the rest to the form. Returns undefined
 * when the error was not a validation error with fields the form knows.
 */
export function applyServerIssues(
  error: unknown,
  form: FormInstance,
  lang: Lang,
  known: readonly string[],
): Partial<Record<"idNumber" | "phone", string>> | undefined {
  if (!(error instanceof ApiError) || error.code !== "validation") return undefined;
  const special: Partial<Record<"idNumber" | "phone", string>> = {};
  const fields: { name: string; errors: string[] }[] = [];
  for (const issue of error.issues) {
    const field = issue.field.split(".").pop() ?? "";
    if (!known.includes(field)) return undefined;
    const text = issueText(issue, lang, form.getFieldValue("idType"));
    if (field === "idNumber" || field === "phone") special[field] = text;
    else fields.push({ name: field, errors: [text] });
  }
  form.setFields(fields);
  return special;
}

/** The existing resident a conflict points at, when the server names one. */
export function conflictingResidentId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== "conflict") return undefined;
  const details = error.details as { residentId?: unknown; existingId?: unknown } | undefined;
  const id = details?.residentId ?? details?.existingId;
  return typeof id === "string" ? id : undefined;
}

/** The field a conflict is about ("idNumber" when the number belongs to someone else). */
export function conflictField(error: ApiError): string | undefined {
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return typeof field === "string" ? field : undefined;
}
