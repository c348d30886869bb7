import type { ResidentDetail, ResidentMoveOutInput } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { getResident, loadResidentInScope } from "./get-resident";
import { chinaToday } from "./present-resident";
import { staleVersion } from "./update-resident";

/**
 * Marks a resident as moved out (迁出) from a day, so default lists, testing rounds and notices
 * leave them out while their record stays. The reason goes into the note, which only people who
 * may read the resident see; the audit row holds field names only.
 */
export async function moveOutResident(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { residentId: string } & ResidentMoveOutInput,
): Promise<ResidentDetail> {
  requirePermission(user, "resident.write");
  const current = await loadResidentInScope(db, user, opts.residentId);
  if (current.status === "moved_out") throw new AppError("conflict", "This resident has already moved out");
  const date = opts.date ?? chinaToday();
  checkMoveOutDate(date);
  const reason = opts.reason?.trim();
  const note = reason ? [current.note, `${date} 迁出：${reason}`].filter(Boolean).join("\n") : current.note;
  await changeStatus(db, user, current, {
    set: { status: "moved_out", moved_out_at: `${date}T00:00:00+08:00`, note },
    action: "resident.move_out",
    fields: reason ? ["status", "movedOutAt", "note"] : ["status", "movedOutAt"],
  });
  return getResident(db, user, current.id);
}

/** Undoes a move-out (or records a return): the resident is active at their address again. */
export async function moveInResident(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { residentId: string },
): Promise<ResidentDetail> {
  requirePermission(user, "resident.write");
  const current = await loadResidentInScope(db, user, opts.residentId);
  if (current.status === "active") throw new AppError("conflict", "This resident is already living here");
  await changeStatus(db, user, current, {
    set: { status: "active", moved_out_at: null },
    action: "resident.move_in",
    fields: ["status", "movedOutAt"],
  });
  return getResident(db, user, current.id);
}

function checkMoveOutDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  const real = !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
  const problem = !real
    ? { reason: "date_invalid", message: "The move-out date is not a real date: use YYYY-MM-DD" }
    : date > chinaToday()
      ? { reason: "date_future", message: "The move-out date is in the future: record it on the day" }
      : undefined;
  if (problem) throw new AppError("validation", problem.message, { issues: [{ field: "date", ...problem }] });
}

/** One versioned status change and its audit entry, in one transaction. */
async function changeStatus(
  db: Kysely<Database>,
  user: SessionUser,
  current: { id: string; version: number },
  change: {
    set: { status: string; moved_out_at: string | null; note?: string | null };
    action: string;
    fields: string[];
  },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("residents")
      .set((eb) => ({ ...change.set, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", current.id)
      .where("version", "=", current.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw staleVersion(current.version + 1);
    await recordAudit(trx, {
      userId: user.id,
      action: change.action,
      entityType: "resident",
      entityId: current.id,
      details: { fields: change.fields },
    });
  });
}
