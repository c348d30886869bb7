import { BADGE_QR_PREFIX } from "@shequ/core/badge";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { iso } from "./queries";

/**
 * A worker's own page, opened from the link or QR on their badge: the name they go by, their
 * shifts to come and past ones, and their hours. The badge code is the only key; nothing else
 * about them, and nothing about anyone else.
 */
export async function findMyShifts(db: Kysely<Database>, badgeCode: string) {
  const code = badgeCode.startsWith(BADGE_QR_PREFIX) ? badgeCode.slice(BADGE_QR_PREFIX.length) : badgeCode;
  const worker =
    code.length >= 8 && code.length <= 64
      ? await db
          .selectFrom("workers")
          .select(["id", "name", "badge_no", "hide_name", "status"])
          .where("badge_code", "=", code)
          .executeTakeFirst()
      : undefined;
  if (worker?.status !== "approved") return "wrong_code" as const;
  const shifts = await db
    .selectFrom("shift_assignments as a")
    .innerJoin("shift_demands as d", "d.id", "a.demand_id")
    .innerJoin("sites as s", "s.id", "d.site_id")
    .innerJoin("campaigns as c", "c.id", "d.campaign_id")
    .select([
      "a.id",
      "c.name as campaign_name",
      "s.name as site_name",
      "s.address",
      "d.zone",
      "d.starts_at",
      "d.ends_at",
    ])
    .where("a.worker_id", "=", worker.id)
    .where("a.status", "=", "planned")
    .orderBy("d.starts_at")
    .limit(500)
    .execute();
  const attended = await db
    .selectFrom("attendance")
    .select(["assignment_id", "check_in_at", "check_out_at"])
    .where("worker_id", "=", worker.id)
    .execute();
  const now = Date.now();
  const seconds = attended
    .filter((a) => a.check_out_at)
    .reduce(
      (sum, a) =>
        sum + (new Date(a.check_out_at as Date).getTime() - new Date(a.check_in_at).getTime()) / 1000,
      0,
    );
  const came = new Set(attended.map((a) => a.assignment_id));
  const view = shifts.map((s) => ({
    campaignName: s.campaign_name,
    siteName: s.site_name,
    address: s.address,
    zone: s.zone,
    startsAt: iso(s.starts_at),
    endsAt: iso(s.ends_at),
    attended: came.has(s.id),
  }));
  return {
    displayName: worker.hide_name ? null : worker.name,
    badgeNo: worker.badge_no ?? null,
    onDuty: attended.some((a) => !a.check_out_at),
    hours: Math.round((seconds / 3600) * 100) / 100,
    upcoming: view.filter((s) => Date.parse(s.endsAt) > now),
    past: view.filter((s) => Date.parse(s.endsAt) <= now).reverse(),
  };
}
