import type { AllocationHousehold } from "@shequ/core/slot-allocation";
import { reallocateSlots } from "@shequ/core/slot-reallocation";
import { type Kysely, sql } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Campaign, Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import type { ScheduleResult } from "./campaign-schema";
import { toAllocationHouseholds, toAllocationPoints } from "./plan-schedule";
import {
  assertHasResidents,
  HOMEBOUND,
  inCampaignScope,
  listScopeHouseholds,
  listSiteRegions,
  listSites,
  listSiteWindows,
  lockCampaign,
  type ScopeRegion,
} from "./queries";
import { summariseSchedule } from "./summarise-schedule";

/**
 * Re-schedules a running round after a point closed or its lanes or windows changed: households
 * whose walkers have all been sampled stay as they are, and so does everyone whose slot still
 * exists with room; only the others move, to the earliest slot that has not started at the point
 * serving them now, and their revision is bumped so they are told again. Home runs are kept.
 * Everything is read and written in one transaction under the round's lock, so two re-schedules
 * queue instead of overbooking.
 */
export async function rescheduleRunning(
  db: Kysely<Database>,
  user: SessionUser,
  campaign: Campaign,
  regions: ScopeRegion[],
  now: Date,
): Promise<ScheduleResult> {
  return inTransaction(db, async (trx) => {
    const locked = await lockCampaign(trx, campaign.id);
    const [allSites, windows, served, households, slots, assignments, sampled] = await Promise.all([
      listSites(trx, campaign.id),
      listSiteWindows(trx, campaign.id),
      listSiteRegions(trx, campaign.id),
      listScopeHouseholds(trx, regions),
      trx
        .selectFrom("slots")
        .select(["id", "site_id", "starts_at", "ends_at", "capacity"])
        .where("campaign_id", "=", campaign.id)
        .execute(),
      trx
        .selectFrom("slot_assignments")
        .select(["household_id", "slot_id", "people", "revision"])
        .where("campaign_id", "=", campaign.id)
        .execute(),
      listSampledWalkers(trx, campaign.id, regions),
    ]);
    assertHasResidents(households.length);
    const sites = allSites.filter((s) => !s.closed_at);
    const open = new Set(sites.map((s) => s.id));
    const left = new Map(sampled.map((s) => [s.household_id, s.sampled]));
    const placed = toAllocationHouseholds(
      households,
      served.filter((s) => open.has(s.site_id)),
      sites.map((s) => s.id),
    ).map((h): AllocationHousehold => ({ ...h, walkers: Math.max(0, h.walkers - (left.get(h.id) ?? 0)) }));
    const walkersLeft = new Map(placed.map((h) => [h.id, h.walkers]));
    const revisionOf = new Map(assignments.map((a) => [a.household_id, a.revision]));
    // A household placed anew (it lost its slot earlier, or moved in) continues after whatever it
    // was last told, so its new slot counts as news for the notices.
    for (const told of await listToldRevisions(trx, campaign.id)) {
      if (!revisionOf.has(told.household_id)) revisionOf.set(told.household_id, told.revision);
    }

    const result = reallocateSlots({
      points: toAllocationPoints(sites, windows),
      slots: slots.map((s) => ({
        id: s.id,
        pointId: s.site_id,
        start: new Date(s.starts_at).getTime(),
        end: new Date(s.ends_at).getTime(),
        capacity: s.capacity,
      })),
      assignments: assignments.map((a) => ({
        householdId: a.household_id,
        slotId: a.slot_id,
        people: a.people,
        done: (walkersLeft.get(a.household_id) ?? 0) === 0,
      })),
      households: placed,
      now: now.getTime(),
      options: {
        slotMinutes: locked.slot_minutes,
        headroom: Number(locked.headroom),
        homeRunSize: locked.home_run_size,
      },
    });

    // Free the seats of everyone who moves or lost their slot before any slot shrinks.
    const leaving = [
      ...result.moves.filter((m) => m.moved).map((m) => m.householdId),
      ...result.unassigned.map((u) => u.householdId),
    ];
    for (let i = 0; i < leaving.length; i += 1000) {
      await trx
        .deleteFrom("slot_assignments")
        .where("campaign_id", "=", campaign.id)
        .where("household_id", "in", leaving.slice(i, i + 1000))
        .execute();
    }
    const slotIds = new Map<string, string>();
    for (const s of result.slots) {
      const id = s.id ?? newId();
      slotIds.set(`${s.pointId}|${s.start}`, id);
      if (s.id) {
        await trx
          .updateTable("slots")
          .set({ capacity: s.capacity, booked: s.booked, ends_at: new Date(s.end) })
          .where("id", "=", s.id)
          .execute();
      } else {
        await trx
          .insertInto("slots")
          .values({
            id,
            campaign_id: campaign.id,
            site_id: s.pointId,
            starts_at: new Date(s.start),
            ends_at: new Date(s.end),
            capacity: s.capacity,
            booked: s.booked,
          })
          .execute();
      }
    }
    if (result.removedSlotIds.length)
      await trx.deleteFrom("slots").where("id", "in", result.removedSlotIds).execute();
    const rows = result.moves.map((m) => ({
      campaign_id: campaign.id,
      household_id: m.householdId,
      slot_id: slotIds.get(`${m.pointId}|${m.start}`) as string,
      people: m.people,
      revision: (revisionOf.get(m.householdId) ?? 0) + 1,
      moved_at: m.moved ? now : null,
    }));
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto("slot_assignments")
        .values(rows.slice(i, i + 1000))
        .execute();
    }
    const moved = result.moves.filter((m) => m.moved).length;
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.schedule",
      entityType: "campaign",
      entityId: campaign.id,
      details: {
        mode: "partial",
        moved,
        placed: result.moves.length - moved,
        unassigned: result.unassigned.length,
        kept: result.kept.length,
      },
    });

    const pointOf = new Map(placed.map((h) => [h.id, h.pointId]));
    const shortBySite = new Map<string, number>();
    for (const u of result.unassigned) {
      const site = pointOf.get(u.householdId);
      if (u.reason === "no_capacity" && site) shortBySite.set(site, (shortBySite.get(site) ?? 0) + u.people);
    }
    const runs = await trx
      .selectFrom("home_runs")
      .select((eb) => [eb.fn.countAll<number>().as("runs"), eb.fn.sum<number>("people").as("people")])
      .where("campaign_id", "=", campaign.id)
      .executeTakeFirstOrThrow();
    return summariseSchedule({
      campaign: locked,
      regionIds: regions.map((r) => r.id),
      sites,
      households,
      slots: result.slots,
      shortBySite,
      unassigned: result.unassigned,
      homeRuns: { runs: Number(runs.runs), people: Number(runs.people ?? 0) },
      mode: "partial",
      moved,
    });
  });
}

/**
 * Walkers sampled so far in this round, per household in scope; a binding undone at the station
 * does not count.
 */
async function listSampledWalkers(
  trx: Kysely<Database>,
  campaignId: string,
  regions: readonly ScopeRegion[],
) {
  const rows = await trx
    .selectFrom("samples as s")
    .innerJoin("residents as r", "r.id", "s.resident_id")
    .innerJoin("households as h", "h.id", "s.household_id")
    .select(["s.household_id", sql<number>`count(distinct s.resident_id)`.as("sampled")])
    .where("s.campaign_id", "=", campaignId)
    .where("s.undone_at", "is", null)
    .where(sql<boolean>`not (r.flags && ${HOMEBOUND})`)
    .where(inCampaignScope(regions))
    .groupBy("s.household_id")
    .execute();
  return rows.map((r) => ({ household_id: r.household_id, sampled: Number(r.sampled) }));
}

/** The revision each household of the round was last told about (notices/ keeps it). */
export async function listToldRevisions(trx: Kysely<Database>, campaignId: string) {
  return trx
    .selectFrom("notice_states")
    .select(["household_id", "revision"])
    .where("campaign_id", "=", campaignId)
    .execute();
}
