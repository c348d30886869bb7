import { type FillWorker, proposeFill, type ShiftDemand } from "@shequ/core/shift-fill";
import type { Qualification } from "@shequ/core/work-zones";
import { type Kysely, sql } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { availabilityWindows, findProblems } from "./fit-check";
import { countPlanned, iso, listScopeWorkers, listVisibleSites, loadDuty, readRules } from "./queries";
import type { AcceptInput, ProposeInput } from "./shift-schema";

/** The round's shifts still to come at the points the user may plan, with what is still missing. */
async function loadOpenDemands(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  siteIds?: string[],
) {
  const sites = (await listVisibleSites(db, user, campaignId)).filter(
    (s) => !siteIds || siteIds.includes(s.id),
  );
  if (sites.length === 0) return [];
  const rows = await db
    .selectFrom("shift_demands")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where(
      "site_id",
      "in",
      sites.map((s) => s.id),
    )
    .where("ends_at", ">", new Date())
    .execute();
  const planned = await countPlanned(
    db,
    rows.map((r) => r.id),
  );
  // The point's own community: its people are asked before others are lent.
  const communities = await db
    .selectFrom("site_regions as sr")
    .innerJoin("regions as r", "r.id", "sr.region_id")
    .select(["sr.site_id", sql<string>`min(r.id::text)`.as("community_id")])
    .where("r.level", "=", "community")
    .where(
      "sr.site_id",
      "in",
      sites.map((s) => s.id),
    )
    .groupBy("sr.site_id")
    .execute();
  const communityOf = new Map(communities.map((c) => [c.site_id, c.community_id]));
  return rows.map((r) => ({
    row: r,
    open: Math.max(0, r.needed - (planned.get(r.id) ?? 0)),
    communityId: communityOf.get(r.site_id),
  }));
}

/**
 * Proposes who fills the round's open places (core proposeFill: qualifications, availability
 * and rest rules never broken, load spread), counting what people already hold. Nothing is saved:
 * the planner looks, then accepts.
 */
export async function proposeShifts(db: Kysely<Database>, user: SessionUser, input: ProposeInput) {
  requirePermission(user, "workforce.manage");
  const campaign = await findVisibleCampaign(db, user, input.campaignId);
  const open = await loadOpenDemands(db, user, campaign.id, input.siteIds);
  const demands: ShiftDemand[] = open
    .filter((d) => d.open > 0)
    .map((d) => ({
      id: d.row.id,
      pointId: d.row.site_id,
      zone: d.row.zone,
      startsAt: d.row.starts_at.getTime(),
      endsAt: d.row.ends_at.getTime(),
      needed: d.open,
      ...(d.row.qualification ? { qualification: d.row.qualification as Qualification } : {}),
      ...(d.communityId ? { communityId: d.communityId } : {}),
    }));
  if (demands.length === 0) return { assignments: [], gaps: [] };
  const workers = await listScopeWorkers(db, user);
  const earliest = new Date(Math.min(...demands.map((d) => d.startsAt)));
  const duty = await loadDuty(
    db,
    workers.map((w) => w.id),
    earliest,
  );
  const fillWorkers: FillWorker[] = workers.map((w) => ({
    id: w.id,
    qualifications: w.qualifications,
    availability: availabilityWindows(w),
    homeCommunityId: w.community_id,
    existingShifts: duty.get(w.id) ?? [],
  }));
  const proposal = proposeFill(demands, fillWorkers, { rules: readRules(campaign) });
  const demandOf = new Map(open.map((d) => [d.row.id, d.row]));
  const workerOf = new Map(workers.map((w) => [w.id, w]));
  return {
    assignments: proposal.assignments.map((a) => {
      const d = demandOf.get(a.demandId);
      const w = workerOf.get(a.workerId);
      if (!d || !w) throw new AppError("internal", "The proposal named an unknown shift or person");
      return {
        demandId: d.id,
        workerId: w.id,
        name: w.name,
        badgeNo: w.badge_no,
        siteId: d.site_id,
        zone: d.zone,
        startsAt: iso(d.starts_at),
        endsAt: iso(d.ends_at),
      };
    }),
    gaps: proposal.gaps,
  };
}

/**
 * Saves a proposal the planner accepted. Each line is checked again against what is planned now
 * (another planner may have been quicker) and the lines already accepted before it; lines that no
 * longer fit, or whose shift is already full, are refused and named, the rest go in one insert.
 */
export async function acceptProposal(db: Kysely<Database>, user: SessionUser, input: AcceptInput) {
  requirePermission(user, "workforce.manage");
  const campaign = await findVisibleCampaign(db, user, input.campaignId);
  const rules = readRules(campaign);
  return inTransaction(db, async (trx) => {
    const workerIds = [...new Set(input.assignments.map((a) => a.workerId))];
    const workers = await listScopeWorkers(trx, user, { ids: workerIds });
    if (workers.length > 0)
      await trx
        .selectFrom("workers")
        .select("id")
        .where(
          "id",
          "in",
          workers.map((w) => w.id),
        )
        .orderBy("id")
        .forUpdate()
        .execute();
    const open = await loadOpenDemands(trx, user, campaign.id);
    const demandOf = new Map(open.map((d) => [d.row.id, d]));
    const workerOf = new Map(workers.map((w) => [w.id, w]));
    const since = new Date(Math.min(Date.now(), ...open.map((d) => d.row.starts_at.getTime())));
    const duty = await loadDuty(
      trx,
      workers.map((w) => w.id),
      since,
    );
    const refused: { demandId: string; workerId: string; code: string }[] = [];
    const rows: {
      id: string;
      demand_id: string;
      worker_id: string;
      proposed: boolean;
      created_by: string;
    }[] = [];
    for (const a of input.assignments) {
      const d = demandOf.get(a.demandId);
      const w = workerOf.get(a.workerId);
      if (!d || !w) {
        refused.push({ ...a, code: "not_found" });
        continue;
      }
      if (d.open <= 0) {
        refused.push({ ...a, code: "full" });
        continue;
      }
      const shifts = duty.get(w.id) ?? [];
      const fit = {
        zone: d.row.zone,
        start: d.row.starts_at.getTime(),
        end: d.row.ends_at.getTime(),
        qualification: d.row.qualification ?? null,
      };
      // Already on it, or on another shift then: both show as an overlap with what they hold.
      const problems = findProblems(w, fit, shifts, rules);
      if (problems.length > 0) {
        refused.push({ ...a, code: (problems[0] as { code: string }).code });
        continue;
      }
      d.open -= 1;
      shifts.push({ start: fit.start, end: fit.end, zone: fit.zone });
      duty.set(w.id, shifts);
      rows.push({ id: newId(), demand_id: d.row.id, worker_id: w.id, proposed: true, created_by: user.id });
    }
    let saved = 0;
    for (let i = 0; i < rows.length; i += 2000) {
      const part = rows.slice(i, i + 2000);
      const inserted = await trx
        .insertInto("shift_assignments")
        .values(part)
        .onConflict((oc) =>
          oc.columns(["demand_id", "worker_id"]).where("status", "=", "planned").doNothing(),
        )
        .returning("id")
        .execute();
      saved += inserted.length;
    }
    await recordAudit(trx, {
      userId: user.id,
      action: "shift.propose.accept",
      entityType: "campaign",
      entityId: campaign.id,
      details: { saved, refused: refused.length },
    });
    return { saved, refused };
  });
}
