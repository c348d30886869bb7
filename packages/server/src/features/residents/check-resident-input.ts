import { checkIdDocument, type IdType, idReasonMessage } from "@shequ/core/id-document";
import { checkMobile, phoneReasonMessage } from "@shequ/core/phone";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
import type { SessionUser } from "../../http";
import { residentScopeFilter } from "../regions/scope";
import { selectResidentByDocument } from "./queries";

export interface CheckedDocument {
  idNumber: string;
  birthDate: string | null;
  sex: "M" | "F" | null;
}

/** Validates an identity document; birth date and sex come from the number when it holds them. */
export function checkDocument(
  idType: IdType,
  idNumber: string,
  issues: FieldIssue[],
): CheckedDocument | undefined {
  const result = checkIdDocument(idType, idNumber);
  if (!result.ok) {
    issues.push({
      field: "idNumber",
      reason: result.reason,
      message: idReasonMessage(result.reason, "en", idType),
    });
    return undefined;
  }
  return { idNumber: result.normalized, birthDate: result.birthDate ?? null, sex: result.sex ?? null };
}

/** A mobile number in its stored 11-digit form; empty or absent means none. */
export function checkPhone(phone: string | null | undefined, issues: FieldIssue[]): string | null {
  if (phone === null || phone === undefined || phone.trim() === "") return null;
  const result = checkMobile(phone);
  if (!result.ok) {
    issues.push({ field: "phone", reason: result.reason, message: phoneReasonMessage(result.reason, "en") });
    return null;
  }
  return result.normalized;
}

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new AppError("validation", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
}

/**
 * Refuses a document number that someone else already holds. The existing resident's id is
 * given only when the user may open that resident; otherwise the answer says no more than that
 * the number is taken.
 */
export async function assertDocumentFree(
  db: Kysely<Database>,
  user: SessionUser,
  doc: { idType: string; idNumber: string; exceptResidentId?: string },
): Promise<void> {
  const existing = await selectResidentByDocument(db, doc.idType, doc.idNumber);
  if (!existing || existing.id === doc.exceptResidentId) return;
  const visible = await db
    .selectFrom("residents as r")
    .select("r.id")
    .where(sql<SqlBool>`(r.id = ${existing.id} and ${residentScopeFilter(user, "r")})`)
    .executeTakeFirst();
  throw visible
    ? new AppError("conflict", "A resident with this ID number is already registered: open them instead", {
        residentId: existing.id,
        field: "idNumber",
      })
    : new AppError(
        "conflict",
        "This ID number is already registered outside your area: ask the community office",
        {
          field: "idNumber",
        },
      );
}

/** A unique-index race lost to a concurrent insert of the same number answers like a duplicate. */
export function duplicateDocumentConflict(error: unknown): unknown {
  if ((error as { code?: string; constraint?: string }).code === "23505") {
    return new AppError("conflict", "A resident with this ID number is already registered", {
      field: "idNumber",
    });
  }
  return error;
}
