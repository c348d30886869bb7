import { DEFAULT_REST_RULES, RestRules } from "@shequ/core/rest-rules";
import type { WorkerShift } from "@shequ/core/shift-fill";
import { type Kysely, sql } from "kysely";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { findVisibleCampaign } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { siteVisible } from "../station/find-station-point";
import { workerScopeFilter } from "../workers/worker-scope";

export interface ShiftPoint {
  campaign: Campaign;
  site: { id: string; name: string; zones: string[] };
}

/** The round and point a planner works on, both in the user's area, or 404 as for unknown ids. */
export async function findShiftPoint(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  siteId: string,
): Promise<ShiftPoint> {
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const site = isUuid(siteId)
    ? await db
        .selectFrom("sites as s")
        .select(["s.id", "s.name", "s.zones"])
        .where("s.id", "=", siteId)
        .where("s.campaign_id", "=", campaign.id)
        .where(siteVisible(user, "s"))
        .executeTakeFirst()
    : undefined;
  if (!site) throw new AppError("not_found", "Collection point not found in this round");
  return { campaign, site };
}

/** The points of a round the user may plan. */
export async function listVisibleSites(db: Kysely<Database>, user: SessionUser, campaignId: string) {
  return db
    .selectFrom("sites as s")
    .select(["s.id", "s.name", "s.zones"])
    .where("s.campaign_id", "=", campaignId)
    .where(siteVisible(user, "s"))
    .orderBy("s.created_at")
    .orderBy("s.id")
    .execute();
}

/** The round's rest rules: what was saved, filled with the defaults, or the defaults. */
export function readRules(campaign: Pick<Campaign, "rest_rules">): RestRules {
  const stored = campaign.rest_rules;
  if (stored === null || stored === undefined) return DEFAULT_REST_RULES;
  const parsed = RestRules.safeParse(typeof stored === "string" ? JSON.parse(stored) : stored);
  return parsed.success ? parsed.data : DEFAULT_REST_RULES;
}

/** A demand row as the use cases need it, epoch ms times. */
export interface DemandRow {
  id: string;
  campaign_id: string;
  site_id: string;
  zone: string;
  starts_at: Date;
  ends_at: Date;
  needed: number;
  qualification: string | null;
}

/** Loads a demand whose point the user may plan, or 404. */
export async function findVisibleDemand(
  db: Kysely<Database>,
  user: SessionUser,
  demandId: string,
): Promise<DemandRow> {
  const row = isUuid(demandId)
    ? await db
        .selectFrom("shift_demands as d")
        .innerJoin("sites as s", "s.id", "d.site_id")
        .select([
          "d.id",
          "d.campaign_id",
          "d.site_id",
          "d.zone",
          "d.starts_at",
          "d.ends_at",
          "d.needed",
          "d.qualification",
        ])
        .where("d.id", "=", demandId)
        .where(siteVisible(user, "s"))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError("not_found", "Shift not found");
  return row;
}

export interface ScopeWorker {
  id: string;
  name: string;
  badge_no: string | null;
  source: string;
  status: string;
  community_id: string;
  qualifications: string[];
  availability: { start: string; end: string }[];
  hide_name: boolean;
}

const WORKER_COLUMNS = [
  "w.id",
  "w.name",
  "w.badge_no",
  "w.source",
  "w.status",
  "w.community_id",
  "w.qualifications",
  "w.availability",
  "w.hide_name",
] as const;

/** Approved workers the user may plan (own community in scope, or lent into it). */
export async function listScopeWorkers(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { ids?: readonly string[] } = {},
): Promise<ScopeWorker[]> {
  let q = db
    .selectFrom("workers as w")
    .select(WORKER_COLUMNS)
    .where("w.status", "=", "approved")
    .where(workerScopeFilter(user, "w"));
  if (opts.ids) {
    const ids = opts.ids.filter(isUuid);
    if (ids.length === 0) return [];
    q = q.where("w.id", "in", ids);
  }
  return (await q.orderBy("w.id").execute()) as ScopeWorker[];
}

/** One worker the user may see, any status, or 404. */
export async function findScopeWorker(
  db: Kysely<Database>,
  user: SessionUser,
  workerId: string,
): Promise<ScopeWorker> {
  const row = isUuid(workerId)
    ? await db
        .selectFrom("workers as w")
        .select(WORKER_COLUMNS)
        .where("w.id", "=", workerId)
        .where(workerScopeFilter(user, "w"))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError("not_found", "Worker not found");
  return row as ScopeWorker;
}

/**
 * Every worker's duty as the rules see it: their planned shifts (the demand's window and zone)
 * and what they actually worked (an open arrival lasts until now), from a week before `since`.
 * The rules merge the two, so a planned shift that was worked counts once.
 */
export async function loadDuty(
  db: Kysely<Database>,
  workerIds: readonly string[],
  since: Date,
): Promise<Map<string, WorkerShift[]>> {
  const duty = new Map<string, WorkerShift[]>();
  if (workerIds.length === 0) return duty;
  const from = new Date(since.getTime() - 8 * 24 * 3_600_000);
  const ids = [...workerIds];
  const { rows } = await sql<{ worker_id: string; start: Date; end: Date; zone: string | null }>`
    select a.worker_id, d.starts_at as start, d.ends_at as "end", d.zone
    from shift_assignments a join shift_demands d on d.id = a.demand_id
    where a.status = 'planned' and a.worker_id = any(${ids}::uuid[]) and d.ends_at > ${from}
    union all
    select t.worker_id, t.check_in_at, coalesce(t.check_out_at, greatest(now(), t.check_in_at)), d.zone
    from attendance t left join shift_assignments a on a.id = t.assignment_id
      left join shift_demands d on d.id = a.demand_id
    where t.worker_id = any(${ids}::uuid[]) and coalesce(t.check_out_at, now()) > ${from}`.execute(db);
  for (const r of rows) {
    const shift: WorkerShift = {
      start: new Date(r.start).getTime(),
      end: new Date(r.end).getTime(),
      ...(r.zone ? { zone: r.zone } : {}),
    };
    const list = duty.get(r.worker_id);
    if (list) list.push(shift);
    else duty.set(r.worker_id, [shift]);
  }
  return duty;
}

/** Planned (not cancelled) people per demand. */
export async function countPlanned(db: Kysely<Database>, demandIds: readonly string[]) {
  const counts = new Map<string, number>();
  if (demandIds.length === 0) return counts;
  const rows = await db
    .selectFrom("shift_assignments")
    .select(["demand_id", db.fn.countAll<number>().as("n")])
    .where("status", "=", "planned")
    .where("demand_id", "in", [...demandIds])
    .groupBy("demand_id")
    .execute();
  for (const r of rows) counts.set(r.demand_id, Number(r.n));
  return counts;
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
