import { checkRoster, type RosterShift } from "@shequ/core/rest-rules";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { workerScopeFilter } from "../workers/worker-scope";
import { iso, readRules } from "./queries";

const HOUR = 3_600_000;

/**
 * Who is over a rest rule right now by what they actually worked (an arrival not yet left counts
 * until now), with the round's rules: the dashboard's list of people to send home.
 */
export async function listOverLimit(db: Kysely<Database>, user: SessionUser, campaignId: string) {
  requirePermission(user, "workforce.checkin");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const rules = readRules(campaign);
  const now = Date.now();
  const rows = await db
    .selectFrom("attendance as t")
    .innerJoin("workers as w", "w.id", "t.worker_id")
    .leftJoin("shift_assignments as a", "a.id", "t.assignment_id")
    .leftJoin("shift_demands as d", "d.id", "a.demand_id")
    .select(["t.worker_id", "w.name", "w.badge_no", "t.check_in_at", "t.check_out_at", "d.zone"])
    .where(workerScopeFilter(user, "w"))
    .where(sql<boolean>`coalesce(t.check_out_at, now()) > now() - interval '8 days'`)
    .execute();
  const roster: RosterShift[] = rows.map((r) => ({
    personId: r.worker_id,
    start: new Date(r.check_in_at).getTime(),
    end: r.check_out_at
      ? new Date(r.check_out_at).getTime()
      : Math.max(now, new Date(r.check_in_at).getTime() + 1),
    ...(r.zone ? { zone: r.zone } : {}),
  }));
  const onDuty = new Set(rows.filter((r) => !r.check_out_at).map((r) => r.worker_id));
  const names = new Map(rows.map((r) => [r.worker_id, { name: r.name, badgeNo: r.badge_no ?? null }]));
  // "Now": the window broken is still within the last day (a week for the 7-day rule).
  const current = checkRoster(roster, rules).filter(
    (v) => v.to > now - (v.rule === "hours_7d" ? 7 : 1) * 24 * HOUR,
  );
  return {
    items: current.map((v) => ({
      workerId: v.personId,
      ...(names.get(v.personId) ?? { name: "", badgeNo: null }),
      onDuty: onDuty.has(v.personId),
      rule: v.rule,
      from: iso(new Date(v.from)),
      to: iso(new Date(Math.min(v.to, now))),
      hours: Math.round(v.hours * 100) / 100,
      limit: v.limit,
    })),
  };
}

export interface HoursRow {
  workerId: string;
  name: string;
  badgeNo: string | null;
  source: string;
  sourceOrg: string | null;
  communityName: string;
  shifts: number;
  hours: number;
  firstAt: string | null;
  lastAt: string | null;
}

/**
 * Each person's actual hours in a round (what the badge scans recorded), for thanks and for the
 * hours certificate volunteers ask for; an arrival not yet left counts until now.
 */
export async function listHours(
  db: Kysely<Database>,
  user: SessionUser,
  query: { campaignId: string; communityId?: string | undefined },
): Promise<{ campaignName: string; items: HoursRow[] }> {
  requirePermission(user, "workforce.manage");
  const campaign = await findVisibleCampaign(db, user, query.campaignId);
  let q = db
    .selectFrom("attendance as t")
    .innerJoin("workers as w", "w.id", "t.worker_id")
    .innerJoin("regions as c", "c.id", "w.community_id")
    .select([
      "w.id",
      "w.name",
      "w.badge_no",
      "w.source",
      "w.source_org",
      "c.name as community_name",
      sql<number>`count(*)`.as("shifts"),
      sql<number>`sum(extract(epoch from (coalesce(t.check_out_at, now()) - t.check_in_at)))`.as("seconds"),
      sql<Date>`min(t.check_in_at)`.as("first_at"),
      sql<Date>`max(coalesce(t.check_out_at, now()))`.as("last_at"),
    ])
    .where("t.campaign_id", "=", campaign.id)
    .where(workerScopeFilter(user, "w"))
    .groupBy(["w.id", "w.name", "w.badge_no", "w.source", "w.source_org", "c.name"]);
  if (query.communityId)
    q = isUuid(query.communityId)
      ? q.where("w.community_id", "=", query.communityId)
      : q.where(sql<boolean>`false`);
  const rows = await q.orderBy("w.badge_no").execute();
  return {
    campaignName: campaign.name,
    items: rows.map((r) => ({
      workerId: r.id,
      name: r.name,
      badgeNo: r.badge_no ?? null,
      source: r.source,
      sourceOrg: r.source_org ?? null,
      communityName: r.community_name,
      shifts: Number(r.shifts),
      hours: Math.round((Number(r.seconds) / 3600) * 100) / 100,
      firstAt: r.first_at ? iso(r.first_at) : null,
      lastAt: r.last_at ? iso(r.last_at) : null,
    })),
  };
}
