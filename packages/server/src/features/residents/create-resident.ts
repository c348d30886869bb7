import type { ResidentCreateInput, ResidentDetail } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { FieldIssue } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findUnitAddress } from "../regions/find-unit-address";
import {
  assertDocumentFree,
  checkDocument,
  checkPhone,
  duplicateDocumentConflict,
  throwIfIssues,
} from "./check-resident-input";
import { getResident } from "./get-resident";
import { placeInHousehold } from "./place-in-household";

/**
 * Registers a resident where they live: the unit must be in the user's scope, the household at
 * (unit, door) is found or created, and the ID number is checked (GB 11643 check digit) so typos
 * are refused at entry, with birth date and sex taken from it. Audited without personal data.
 */
export async function createResident(
  db: Kysely<Database>,
  user: SessionUser,
  input: ResidentCreateInput,
): Promise<ResidentDetail> {
  requirePermission(user, "resident.write");
  const issues: FieldIssue[] = [];
  const doc = checkDocument(input.idType, input.idNumber, issues);
  const phone = checkPhone(input.phone, issues);
  throwIfIssues(issues);
  if (!doc) throw new Error("unreachable: a failed document check adds an issue");
  const id = newId();
  try {
    await inTransaction(db, async (trx) => {
      const address = await findUnitAddress(trx, user, input.unitId);
      await assertDocumentFree(trx, user, { idType: input.idType, idNumber: doc.idNumber });
      const placement = await placeInHousehold(trx, address, input.door.trim());
      await trx
        .insertInto("residents")
        .values({
          id,
          ...placement,
          name: input.name.trim(),
          id_type: input.idType,
          id_number: doc.idNumber,
          birth_date: doc.birthDate,
          sex: doc.sex,
          phone,
          flags: [...new Set(input.flags ?? [])],
          note: input.note?.trim() || null,
          updated_at: new Date(),
        })
        .execute();
      await recordAudit(trx, {
        userId: user.id,
        action: "resident.create",
        entityType: "resident",
        entityId: id,
        details: { householdId: placement.household_id },
      });
    });
  } catch (error) {
    throw duplicateDocumentConflict(error);
  }
  return getResident(db, user, id);
}
