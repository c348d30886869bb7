import { allocateSlots } from "@shequ/core/slot-allocation";
import type { DbHandle } from "../../db/client";
import type { Campaign } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAuditInBulk } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { ScheduleResult } from "./campaign-schema";
import { toAllocationHouseholds, toAllocationPoints } from "./plan-schedule";
import {
  assertHasResidents,
  findVisibleCampaign,
  listCampaignRegions,
  listScopeHouseholds,
  listSiteRegions,
  listSites,
  listSiteWindows,
  type ScopeRegion,
  type SiteRow,
} from "./queries";
import { rescheduleRunning } from "./reschedule-running";
import { replaceSchedule } from "./store-schedule";
import { summariseSchedule } from "./summarise-schedule";

/**
 * Gives every household in the round's scope one slot at the open point serving its building, in
 * door order, and plans home-sampling runs for residents who cannot walk or are bedridden. A draft
 * or scheduled round is re-planned wholesale; a running round moves only the people not yet sampled
 * whose slot a change affects. Either way in one transaction: bad input writes nothing.
 */
export async function scheduleCampaign(
  handle: DbHandle,
  user: SessionUser,
  opts: { campaignId: string },
  now = new Date(),
): Promise<ScheduleResult> {
  const db = handle.db;
  requirePermission(user, "campaign.manage");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  assertSchedulable(campaign);
  if (new Date(campaign.deadline_at) <= now) {
    throw invalid("deadlineAt", "in_past", "The round's deadline has already passed: set a new deadline");
  }
  const regions = await listCampaignRegions(db, campaign.id);
  const sites = (await listSites(db, campaign.id)).filter((s) => !s.closed_at);
  if (sites.length === 0) {
    throw invalid("sites", "no_sites", "The round has no open collection points: add at least one first");
  }
  if (campaign.status === "running") return rescheduleRunning(db, user, campaign, regions, now);
  return scheduleAll(handle, user, campaign, regions, sites, now);
}

async function scheduleAll(
  handle: DbHandle,
  user: SessionUser,
  campaign: Campaign,
  regions: ScopeRegion[],
  sites: SiteRow[],
  now: Date,
): Promise<ScheduleResult> {
  const db = handle.db;
  const [windows, served, households] = await Promise.all([
    listSiteWindows(db, campaign.id),
    listSiteRegions(db, campaign.id),
    listScopeHouseholds(db, regions),
  ]);
  assertHasResidents(households.length);
  const open = new Set(sites.map((s) => s.id));
  const allocation = allocateSlots(
    toAllocationHouseholds(
      households,
      served.filter((s) => open.has(s.site_id)),
      sites.map((s) => s.id),
    ),
    toAllocationPoints(sites, windows),
    {
      slotMinutes: campaign.slot_minutes,
      headroom: Number(campaign.headroom),
      homeRunSize: campaign.home_run_size,
    },
  );

  const { stored, moved } = await handle.bulk(async (raw) => {
    // Two schedulers of one round queue on this lock; the second replaces the first's plan.
    const [locked] = await raw.query<{ status: string }>(
      "select status from campaigns where id = $1 for update",
      [campaign.id],
    );
    if (locked?.status === "closed") throw new AppError("conflict", "The round was closed meanwhile");
    if (locked?.status === "running")
      throw new AppError("conflict", "The round started meanwhile: schedule again");
    const moved = await replaceSchedule(raw, campaign.id, allocation, {
      mayDeferKeys: handle.kind === "pglite",
    });
    const [updated] = await raw.query<Campaign>(
      "update campaigns set status = 'scheduled', scheduled_at = $2 where id = $1 returning *",
      [campaign.id, now],
    );
    await recordAuditInBulk(raw, {
      userId: user.id,
      action: "campaign.schedule",
      entityType: "campaign",
      entityId: campaign.id,
      details: {
        mode: "full",
        households: households.length,
        slots: allocation.slots.length,
        assignments: allocation.assignments.length,
        homeRuns: allocation.homeRuns.length,
        unassigned: allocation.unassigned.length,
        moved,
      },
    });
    return { stored: updated as Campaign, moved };
  });

  const shortBySite = new Map(allocation.points.map((p) => [p.pointId, p.shortPeople]));
  return summariseSchedule({
    campaign: stored,
    regionIds: regions.map((r) => r.id),
    sites,
    households,
    slots: allocation.slots,
    shortBySite,
    unassigned: allocation.unassigned,
    homeRuns: {
      runs: allocation.homeRuns.length,
      people: allocation.homeRuns.reduce((n, r) => n + r.people, 0),
    },
    mode: "full",
    moved,
  });
}

function assertSchedulable(campaign: Campaign): void {
  if (campaign.status === "closed") {
    throw new AppError("conflict", "The round is closed and cannot be re-scheduled");
  }
}

function invalid(field: string, reason: string, message: string): AppError {
  return new AppError("validation", message, { issues: [{ field, reason, message }] });
}
