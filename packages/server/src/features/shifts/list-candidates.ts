import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { findProblems } from "./fit-check";
import { findVisibleDemand, listScopeWorkers, loadDuty, readRules } from "./queries";

const HOUR = 3_600_000;

/**
 * Who could take a shift, for the assign dialog: everyone approved in the planner's area, those
 * who fit first (fewest hours planned first, to spread the load), then the others with why not.
 */
export async function listCandidates(db: Kysely<Database>, user: SessionUser, demandId: string) {
  requirePermission(user, "workforce.manage");
  const demand = await findVisibleDemand(db, user, demandId);
  const campaign = await findVisibleCampaign(db, user, demand.campaign_id);
  const rules = readRules(campaign);
  const workers = await listScopeWorkers(db, user);
  const duty = await loadDuty(
    db,
    workers.map((w) => w.id),
    demand.starts_at,
  );
  const onIt = new Set(
    (
      await db
        .selectFrom("shift_assignments")
        .select("worker_id")
        .where("demand_id", "=", demand.id)
        .where("status", "=", "planned")
        .execute()
    ).map((r) => r.worker_id),
  );
  const fit = {
    zone: demand.zone,
    start: demand.starts_at.getTime(),
    end: demand.ends_at.getTime(),
    qualification: demand.qualification,
  };
  const items = workers
    .filter((w) => !onIt.has(w.id))
    .map((w) => {
      const shifts = duty.get(w.id) ?? [];
      const hours = shifts.reduce((sum, s) => sum + (s.end - s.start), 0) / HOUR;
      return {
        workerId: w.id,
        name: w.name,
        badgeNo: w.badge_no,
        source: w.source,
        qualifications: w.qualifications,
        plannedHours: Math.round(hours * 10) / 10,
        problems: findProblems(w, fit, shifts, rules),
      };
    });
  items.sort(
    (a, b) =>
      Number(a.problems.some((p) => !p.overridable)) - Number(b.problems.some((p) => !p.overridable)) ||
      a.problems.length - b.problems.length ||
      a.plannedHours - b.plannedHours ||
      a.name.localeCompare(b.name, "zh-CN"),
  );
  return { items: items.slice(0, 300) };
}
