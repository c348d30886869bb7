import { checkMobile } from "@shequ/core/phone";
import { AppError, type FieldIssue } from "../../errors";

/**
 * The mobile number as stored (11 digits), or a 422 naming the field, so the form can put the
 * message beside the right input. The reason is phone.ts's ("empty", "length", "format").
 */
export function normaliseMobile(value: string, field = "phone"): string {
  const checked = checkMobile(value);
  if (checked.ok) return checked.normalized;
  const message =
    checked.reason === "length"
      ? "A mobile number has 11 digits: check for missing or extra digits"
      : checked.reason === "empty"
        ? "Enter a mobile number"
        : "This is not a mainland mobile number: it should be 11 digits starting with 13 to 19";
  throw invalid([{ field, reason: checked.reason, message }]);
}

/** An emergency phone may be a landline: digits with spaces, dashes, brackets or a +; blank is none. */
export function normaliseContactPhone(
  value: string | null | undefined,
  field = "emergencyPhone",
): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return null;
  const mobile = checkMobile(trimmed);
  if (mobile.ok) return mobile.normalized;
  if (/^[+(]?[\d][\d\s\-()]{5,28}$/.test(trimmed)) return trimmed.replace(/\s+/g, " ");
  throw invalid([{ field, reason: "format", message: "This is not a phone number: use digits only" }]);
}

export function invalid(issues: FieldIssue[]): AppError {
  return new AppError("validation", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
}

/** A second worker with the same phone in the same community is refused: open the first one. */
export function phoneTaken(workerId: string | undefined): AppError {
  return new AppError("conflict", "This community already has a worker with this phone number", {
    reason: "phone_taken",
    workerId,
  });
}

/** Whether a database error is the one-worker-per-phone-per-community constraint. */
export function isPhoneClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === "23505" && `${e.constraint ?? ""} ${e.message ?? ""}`.includes("workers_one_per_phone");
}
