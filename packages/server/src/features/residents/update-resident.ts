import type { IdType } from "@shequ/core/id-document";
import type { ResidentDetail, ResidentUpdateInput } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database, ResidentUpdate } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
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
import { getResident, loadResidentInScope } from "./get-resident";
import { placeInHousehold } from "./place-in-household";
import type { ResidentRow } from "./queries";

export const staleVersion = (currentVersion: number) =>
  new AppError("conflict", "This resident was changed by someone else: reload and make your change again", {
    reason: "stale_version",
    currentVersion,
  });

/**
 * Edits a resident with optimistic concurrency: the edit names the version it was made on and
 * is refused with 409 if someone saved in between. A new unit or door moves the resident to that
 * household (found or created, inside the scope) and rewrites the denormalised address columns.
 * The audit row lists the changed field names, never their values.
 */
export async function updateResident(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { residentId: string } & ResidentUpdateInput,
): Promise<ResidentDetail> {
  requirePermission(user, "resident.write");
  const current = await loadResidentInScope(db, user, opts.residentId);
  if (current.version !== opts.version) throw staleVersion(current.version);
  const { changes, changed, move, documentChanged } = diffUpdate(current, opts);
  if (changed.length === 0) return getResident(db, user, current.id);
  try {
    await inTransaction(db, async (trx) => {
      if (documentChanged && changes.id_type && changes.id_number) {
        await assertDocumentFree(trx, user, {
          idType: changes.id_type,
          idNumber: changes.id_number,
          exceptResidentId: current.id,
        });
      }
      if (move)
        Object.assign(
          changes,
          await placeInHousehold(trx, await findUnitAddress(trx, user, move.unitId), move.door),
        );
      const result = await trx
        .updateTable("residents")
        .set((eb) => ({ ...changes, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", current.id)
        .where("version", "=", opts.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw staleVersion(opts.version + 1);
      await recordAudit(trx, {
        userId: user.id,
        action: "resident.update",
        entityType: "resident",
        entityId: current.id,
        details: { fields: changed },
      });
    });
  } catch (error) {
    throw duplicateDocumentConflict(error);
  }
  return getResident(db, user, current.id);
}

/** Compares the edit with the stored row: only fields whose value really changes are written. */
function diffUpdate(current: ResidentRow, input: ResidentUpdateInput) {
  const issues: FieldIssue[] = [];
  const changes: ResidentUpdate = {};
  const changed: string[] = [];
  let documentChanged = false;
  let move: { unitId: string; door: string } | undefined;

  if (input.name !== undefined && input.name.trim() !== current.name) {
    changes.name = input.name.trim();
    changed.push("name");
  }
  if (input.idType !== undefined || input.idNumber !== undefined) {
    const idType = (input.idType ?? current.id_type) as IdType;
    const doc = checkDocument(idType, input.idNumber ?? current.id_number, issues);
    if (doc && (idType !== current.id_type || doc.idNumber !== current.id_number)) {
      Object.assign(changes, {
        id_type: idType,
        id_number: doc.idNumber,
        birth_date: doc.birthDate,
        sex: doc.sex,
      });
      if (idType !== current.id_type) changed.push("idType");
      if (doc.idNumber !== current.id_number) changed.push("idNumber");
      documentChanged = true;
    }
  }
  if (input.phone !== undefined) {
    const phone = checkPhone(input.phone, issues);
    if (phone !== current.phone && !issues.some((i) => i.field === "phone")) {
      changes.phone = phone;
      changed.push("phone");
    }
  }
  if (input.flags !== undefined) {
    const flags = [...new Set(input.flags)];
    if ([...flags].sort().join() !== [...current.flags].sort().join()) {
      changes.flags = flags;
      changed.push("flags");
    }
  }
  if (input.note !== undefined) {
    const note = input.note?.trim() || null;
    if (note !== current.note) {
      changes.note = note;
      changed.push("note");
    }
  }
  if (input.unitId !== undefined || input.door !== undefined) {
    const unitId = input.unitId ?? current.unit_id;
    const door = (input.door ?? current.door).trim();
    if (unitId !== current.unit_id || door !== current.door) {
      move = { unitId, door };
      if (unitId !== current.unit_id) changed.push("unitId");
      if (door !== current.door) changed.push("door");
    }
  }
  throwIfIssues(issues);
  return { changes, changed, move, documentChanged };
}
