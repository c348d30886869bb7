import { type Allocation, allocateSlots } from "@shequ/core/slot-allocation";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { ScheduleResult } from "./campaign-schema";
import { toAllocationHouseholds, toAllocationPoints } from "./plan-schedule";
import {
  findVisibleCampaign,
  iso,
  listCampaignRegions,
  listScopeHouseholds,
  listSiteRegions,
  listSites,
  listSiteWindows,
  presentCampaign,
  type SiteRow,
} from "./queries";
import { replaceSchedule } from "./store-schedule";

const FIRST_UNASSIGNED = 100;

/**
 * Gives every household in the round's scope one slot at the point serving its building, in door
 * order, and plans home-sampling runs for residents who cannot walk or are bedridden. A draft or
 * scheduled round is re-planned wholesale in one transaction; a running round is refused, since
 * moving only the people not yet sampled is not built yet. Bad input writes nothing.
 */
export async function scheduleCampaign(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string },
  now = new Date(),
): Promise<ScheduleResult> {
  requirePermission(user, "campaign.manage");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  assertReschedulable(campaign);
  if (new Date(campaign.deadline_at) <= now) {
    throw invalid("deadlineAt", "in_past", "The round's deadline has already passed: set a new deadline");
  }
  const [regions, sites, windows, served] = await Promise.all([
    listCampaignRegions(db, campaign.id),
    listSites(db, campaign.id),
    listSiteWindows(db, campaign.id),
    listSiteRegions(db, campaign.id),
  ]);
  if (sites.length === 0) {
    throw invalid("sites", "no_sites", "The round has no collection points: add at least one first");
  }
  const households = await listScopeHouseholds(db, regions);
  if (households.length === 0) {
    throw invalid("regionIds", "no_residents", "Nobody lives in the round's scope: check its regions");
  }

  const allocation = allocateSlots(
    toAllocationHouseholds(
      households,
      served,
      sites.map((s) => s.id),
    ),
    toAllocationPoints(sites, windows),
    {
      slotMinutes: campaign.slot_minutes,
      headroom: Number(campaign.headroom),
      homeRunSize: campaign.home_run_size,
    },
  );

  const stored = await inTransaction(db, async (trx) => {
    // Two schedulers of one round queue here; the second replaces the first's plan.
    const locked = await trx
      .selectFrom("campaigns")
      .selectAll()
      .where("id", "=", campaign.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    assertReschedulable(locked);
    await replaceSchedule(trx, campaign.id, allocation);
    const updated = await trx
      .updateTable("campaigns")
      .set({ status: "scheduled", scheduled_at: now })
      .where("id", "=", campaign.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.schedule",
      entityType: "campaign",
      entityId: campaign.id,
      details: {
        households: households.length,
        slots: allocation.slots.length,
        assignments: allocation.assignments.length,
        homeRuns: allocation.homeRuns.length,
        unassigned: allocation.unassigned.length,
      },
    });
    return updated;
  });

  return summarise(
    stored,
    regions.map((r) => r.id),
    sites,
    households,
    allocation,
  );
}

function assertReschedulable(campaign: Campaign): void {
  if (campaign.status === "running") {
    throw new AppError(
      "conflict",
      "The round is running: re-scheduling a running round (moving only people not yet sampled) is not built yet",
    );
  }
  if (campaign.status === "closed") {
    throw new AppError("conflict", "The round is closed and cannot be re-scheduled");
  }
}

function invalid(field: string, reason: string, message: string): AppError {
  return new AppError("validation", message, { issues: [{ field, reason, message }] });
}

function summarise(
  campaign: Campaign,
  regionIds: string[],
  sites: readonly SiteRow[],
  households: readonly { walkers: number; homebound: number }[],
  allocation: Allocation,
): ScheduleResult {
  const deadline = new Date(campaign.deadline_at).getTime();
  const siteLoads = sites.map((site) => {
    const load = allocation.points.find((p) => p.pointId === site.id);
    const own = allocation.slots.filter((s) => s.pointId === site.id);
    const finish = load?.finish;
    const shortPeople = load?.shortPeople ?? 0;
    // Slots past the deadline are booked too (the point stays open), but those people are late.
    const latePeople = own.filter((s) => s.end > deadline).reduce((n, s) => n + s.booked, 0);
    const perLaneHour = site.per_lane_per_hour * (1 - Number(campaign.headroom));
    return {
      siteId: site.id,
      name: site.name,
      capacity: load?.capacity ?? 0,
      booked: load?.booked ?? 0,
      finish: finish === undefined ? null : iso(new Date(finish)),
      onTime: shortPeople === 0 && latePeople === 0,
      shortPeople,
      latePeople,
      shortLaneHours: Math.ceil((shortPeople + latePeople) / perLaneHour),
      slots: own.map((s) => ({
        startsAt: iso(new Date(s.start)),
        endsAt: iso(new Date(s.end)),
        capacity: s.capacity,
        booked: s.booked,
      })),
    };
  });
  const byReason: Record<string, number> = {};
  for (const u of allocation.unassigned) byReason[u.reason] = (byReason[u.reason] ?? 0) + 1;
  return {
    campaign: presentCampaign(campaign, regionIds),
    households: households.length,
    walkers: households.reduce((n, h) => n + h.walkers, 0),
    homebound: households.reduce((n, h) => n + h.homebound, 0),
    sites: siteLoads,
    finish: allocation.finish === undefined ? null : iso(new Date(allocation.finish)),
    deadline: iso(campaign.deadline_at),
    onTime: siteLoads.every((s) => s.onTime) && allocation.unassigned.length === 0,
    shortPeople: siteLoads.reduce((n, s) => n + s.shortPeople, 0),
    latePeople: siteLoads.reduce((n, s) => n + s.latePeople, 0),
    shortLaneHours: siteLoads.reduce((n, s) => n + s.shortLaneHours, 0),
    homeRuns: {
      runs: allocation.homeRuns.length,
      people: allocation.homeRuns.reduce((n, r) => n + r.people, 0),
    },
    unassigned: {
      total: allocation.unassigned.length,
      byReason,
      first: allocation.unassigned.slice(0, FIRST_UNASSIGNED),
    },
  };
}
