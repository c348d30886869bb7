import { parseBadgeText } from "@shequ/core/badge";
import { type Kysely, sql } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { workerScopeFilter } from "../workers/worker-scope";
import { iso } from "./queries";

/** Two scans of one badge closer than this are one person scanned twice, not an arrival and a departure. */
const TWICE_MS = 60_000;
/** Arriving this much after the shift began is late. */
const LATE_MS = 10 * 60_000;
/** An arrival this early still belongs to the shift. */
const EARLY_MS = 60 * 60_000;

export interface ScanInput {
  badge: string;
  siteId?: string | undefined;
  campaignId?: string | undefined;
}

/**
 * A badge scanned at a point: an arrival when the person is not on duty, a departure when they
 * are. A second scan within a minute records nothing and says so (the volunteer held the badge
 * under the scanner). An arrival is linked to the planned shift it belongs to and says how late.
 */
export async function scanBadge(db: Kysely<Database>, user: SessionUser, input: ScanInput) {
  requirePermission(user, "workforce.checkin");
  const badge = parseBadgeText(input.badge);
  const unknown = () =>
    new AppError("not_found", "No badge in your area has this code or number", { code: "unknown_badge" });
  if (!badge) throw unknown();
  let q = db
    .selectFrom("workers as w")
    .select(["w.id", "w.name", "w.badge_no", "w.status", "w.hide_name"])
    .where(workerScopeFilter(user, "w"));
  q =
    badge.kind === "code"
      ? q.where("w.badge_code", "=", badge.code)
      : q.where(sql`upper(w.badge_no)`, "=", badge.badgeNo);
  const worker = await q.executeTakeFirst();
  if (!worker) throw unknown();
  if (worker.status !== "approved")
    throw new AppError("conflict", "This badge is not active: the person is not approved", {
      code: "badge_inactive",
    });
  const siteId = input.siteId && isUuid(input.siteId) ? input.siteId : undefined;
  const person = { id: worker.id, name: worker.name, badgeNo: worker.badge_no ?? null };

  try {
    return await inTransaction(db, async (trx) => {
      await trx.selectFrom("workers").select("id").where("id", "=", worker.id).forUpdate().execute();
      const now = new Date();
      const last = await trx
        .selectFrom("attendance")
        .select(["id", "check_in_at", "check_out_at"])
        .where("worker_id", "=", worker.id)
        .orderBy(sql`coalesce(check_out_at, check_in_at)`, "desc")
        .limit(1)
        .executeTakeFirst();
      const lastAt = last ? (last.check_out_at ?? last.check_in_at) : undefined;
      if (lastAt && now.getTime() - new Date(lastAt).getTime() < TWICE_MS)
        throw new AppError("conflict", "This badge was just scanned: nothing recorded", {
          code: "scanned_twice",
          lastAt: iso(lastAt),
          kind: last?.check_out_at ? "departure" : "arrival",
          worker: person,
        });
      if (last && !last.check_out_at) {
        await trx
          .updateTable("attendance")
          .set({ check_out_at: now, check_out_by: user.id })
          .where("id", "=", last.id)
          .execute();
        await recordAudit(trx, {
          userId: user.id,
          action: "attendance.departure",
          entityType: "attendance",
          entityId: last.id,
          details: { workerId: worker.id },
        });
        const hours = (now.getTime() - new Date(last.check_in_at).getTime()) / 3_600_000;
        return {
          kind: "departure" as const,
          attendanceId: last.id,
          at: iso(now),
          worker: person,
          shift: null,
          lateMinutes: null,
          hours: Math.round(hours * 100) / 100,
        };
      }
      // The planned shift this arrival belongs to: on now (or starting within the hour), here if we know where.
      let shiftQ = trx
        .selectFrom("shift_assignments as a")
        .innerJoin("shift_demands as d", "d.id", "a.demand_id")
        .innerJoin("sites as s", "s.id", "d.site_id")
        .select([
          "a.id",
          "d.campaign_id",
          "d.site_id",
          "s.name as site_name",
          "d.zone",
          "d.starts_at",
          "d.ends_at",
        ])
        .where("a.worker_id", "=", worker.id)
        .where("a.status", "=", "planned")
        .where("d.starts_at", "<=", new Date(now.getTime() + EARLY_MS))
        .where("d.ends_at", ">", now);
      if (siteId) shiftQ = shiftQ.where("d.site_id", "=", siteId);
      const shift = await shiftQ.orderBy("d.starts_at").limit(1).executeTakeFirst();
      const id = newId();
      await trx
        .insertInto("attendance")
        .values({
          id,
          worker_id: worker.id,
          campaign_id:
            shift?.campaign_id ?? (input.campaignId && isUuid(input.campaignId) ? input.campaignId : null),
          site_id: shift?.site_id ?? siteId ?? null,
          assignment_id: shift?.id ?? null,
          check_in_at: now,
          check_in_by: user.id,
        })
        .execute();
      await recordAudit(trx, {
        userId: user.id,
        action: "attendance.arrival",
        entityType: "attendance",
        entityId: id,
        details: { workerId: worker.id, assignmentId: shift?.id ?? null },
      });
      const late = shift ? now.getTime() - shift.starts_at.getTime() : 0;
      return {
        kind: "arrival" as const,
        attendanceId: id,
        at: iso(now),
        worker: person,
        shift: shift
          ? {
              assignmentId: shift.id,
              siteId: shift.site_id,
              siteName: shift.site_name,
              zone: shift.zone,
              startsAt: iso(shift.starts_at),
              endsAt: iso(shift.ends_at),
            }
          : null,
        lateMinutes: late > LATE_MS ? Math.floor(late / 60_000) : null,
        hours: null,
      };
    });
  } catch (error) {
    // Two scanners at once: the unique open-arrival index lets only one arrival in.
    if ((error as { code?: string }).code === "23505")
      throw new AppError("conflict", "This badge was just scanned: nothing recorded", {
        code: "scanned_twice",
        worker: person,
      });
    throw error;
  }
}
