import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { siteVisible } from "../station/find-station-point";
import { workerScopeFilter } from "../workers/worker-scope";
import { iso } from "./queries";

const HOUR = 3_600_000;
/** A planned shift that began this long ago without its person is a no-show. */
const NO_SHOW_MS = 30 * 60_000;
const LATE_MS = 10 * 60_000;

/** Midnight of today in China (UTC+8), where the points are. */
export function startOfChinaDay(now: Date): Date {
  const shifted = now.getTime() + 8 * HOUR;
  return new Date(shifted - (shifted % (24 * HOUR)) - 8 * HOUR);
}

/**
 * Today at the points: who arrived and left (and how long they stayed), who is still on duty,
 * and who was planned on a shift that began over half an hour ago (today, or before midnight and
 * still running) and has not come.
 */
export async function listAttendance(
  db: Kysely<Database>,
  user: SessionUser,
  query: { campaignId?: string | undefined; siteId?: string | undefined },
) {
  requirePermission(user, "workforce.checkin");
  const now = new Date();
  const since = startOfChinaDay(now);
  const campaignId = query.campaignId && isUuid(query.campaignId) ? query.campaignId : undefined;
  const siteId = query.siteId && isUuid(query.siteId) ? query.siteId : undefined;
  let rowsQ = db
    .selectFrom("attendance as t")
    .innerJoin("workers as w", "w.id", "t.worker_id")
    .leftJoin("sites as s", "s.id", "t.site_id")
    .leftJoin("shift_assignments as a", "a.id", "t.assignment_id")
    .leftJoin("shift_demands as d", "d.id", "a.demand_id")
    .select([
      "t.id",
      "t.worker_id",
      "w.name",
      "w.badge_no",
      "t.site_id",
      "s.name as site_name",
      "d.zone",
      "d.starts_at",
      "t.check_in_at",
      "t.check_out_at",
    ])
    .where(workerScopeFilter(user, "w"))
    .where((eb) => eb.or([eb("t.check_in_at", ">=", since), eb("t.check_out_at", "is", null)]));
  if (campaignId) rowsQ = rowsQ.where("t.campaign_id", "=", campaignId);
  if (siteId) rowsQ = rowsQ.where("t.site_id", "=", siteId);
  const rows = await rowsQ.orderBy("t.check_in_at", "desc").limit(2000).execute();

  let noShowQ = db
    .selectFrom("shift_assignments as a")
    .innerJoin("shift_demands as d", "d.id", "a.demand_id")
    .innerJoin("sites as s", "s.id", "d.site_id")
    .innerJoin("workers as w", "w.id", "a.worker_id")
    .select([
      "a.id",
      "a.worker_id",
      "w.name",
      "w.badge_no",
      "s.name as site_name",
      "d.zone",
      "d.starts_at",
      "d.ends_at",
    ])
    .where("a.status", "=", "planned")
    // Begun today, or still running: a night shift from 22:00 has its no-shows after midnight too.
    .where((eb) => eb.or([eb("d.starts_at", ">=", since), eb("d.ends_at", ">", now)]))
    .where("d.starts_at", "<=", new Date(now.getTime() - NO_SHOW_MS))
    .where(siteVisible(user, "s"))
    .where(sql<boolean>`not exists (select 1 from attendance t where t.assignment_id = a.id)`)
    // Came anyway without being linked (scanned at another point, or before the shift was planned).
    .where(
      sql<boolean>`not exists (select 1 from attendance t where t.worker_id = a.worker_id
        and t.check_in_at < d.ends_at and coalesce(t.check_out_at, now()) > d.starts_at)`,
    );
  if (campaignId) noShowQ = noShowQ.where("d.campaign_id", "=", campaignId);
  if (siteId) noShowQ = noShowQ.where("d.site_id", "=", siteId);
  const noShows = await noShowQ.orderBy("d.starts_at").limit(500).execute();

  const items = rows.map((r) => {
    const end = r.check_out_at ? new Date(r.check_out_at) : now;
    const late = r.starts_at ? new Date(r.check_in_at).getTime() - new Date(r.starts_at).getTime() : 0;
    return {
      id: r.id,
      workerId: r.worker_id,
      name: r.name,
      badgeNo: r.badge_no ?? null,
      siteId: r.site_id ?? null,
      siteName: r.site_name ?? null,
      zone: r.zone ?? null,
      checkInAt: iso(r.check_in_at),
      checkOutAt: r.check_out_at ? iso(r.check_out_at) : null,
      hours: Math.round(((end.getTime() - new Date(r.check_in_at).getTime()) / HOUR) * 100) / 100,
      lateMinutes: late > LATE_MS ? Math.floor(late / 60_000) : null,
    };
  });
  return {
    items,
    onDuty: items.filter((i) => i.checkOutAt === null).length,
    arrivals: items.length,
    noShows: noShows.map((n) => ({
      assignmentId: n.id,
      workerId: n.worker_id,
      name: n.name,
      badgeNo: n.badge_no ?? null,
      siteName: n.site_name,
      zone: n.zone,
      startsAt: iso(n.starts_at),
      endsAt: iso(n.ends_at),
    })),
  };
}
