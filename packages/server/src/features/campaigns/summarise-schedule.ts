import type { Unassigned } from "@shequ/core/slot-allocation";
import type { Campaign } from "../../db/schema";
import type { ScheduleResult } from "./campaign-schema";
import { iso, presentCampaign, type SiteRow } from "./queries";

const FIRST_UNASSIGNED = 100;

export interface ScheduleFacts {
  campaign: Campaign;
  regionIds: string[];
  /** The open points. */
  sites: readonly SiteRow[];
  households: readonly { walkers: number; homebound: number }[];
  slots: readonly { pointId: string; start: number; end: number; capacity: number; booked: number }[];
  /** People per point who did not fit in any slot. */
  shortBySite: ReadonlyMap<string, number>;
  unassigned: readonly Unassigned[];
  homeRuns: { runs: number; people: number };
  mode: "full" | "partial";
  moved: number;
}

/**
 * The answer to "will we make it?": per point and slot hour the load against capacity, the
 * projected finish against the deadline, and how many people and lane-hours are missing.
 */
export function summariseSchedule(f: ScheduleFacts): ScheduleResult {
  const deadline = new Date(f.campaign.deadline_at).getTime();
  const headroom = Number(f.campaign.headroom);
  const siteLoads = f.sites.map((site) => {
    const own = f.slots.filter((s) => s.pointId === site.id).sort((a, b) => a.start - b.start);
    const used = own.filter((s) => s.booked > 0);
    const finish = used.length ? Math.max(...used.map((s) => s.end)) : undefined;
    const shortPeople = f.shortBySite.get(site.id) ?? 0;
    // Slots past the deadline are booked too (the point stays open), but those people are late.
    const latePeople = own.filter((s) => s.end > deadline).reduce((n, s) => n + s.booked, 0);
    const perLaneHour = site.per_lane_per_hour * (1 - headroom);
    return {
      siteId: site.id,
      name: site.name,
      capacity: own.reduce((n, s) => n + s.capacity, 0),
      booked: own.reduce((n, s) => n + s.booked, 0),
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
  const finishes = siteLoads.map((s) => s.finish).filter((x): x is string => x !== null);
  const byReason: Record<string, number> = {};
  for (const u of f.unassigned) byReason[u.reason] = (byReason[u.reason] ?? 0) + 1;
  return {
    campaign: presentCampaign(f.campaign, f.regionIds),
    households: f.households.length,
    walkers: f.households.reduce((n, h) => n + h.walkers, 0),
    homebound: f.households.reduce((n, h) => n + h.homebound, 0),
    sites: siteLoads,
    finish: finishes.sort().at(-1) ?? null,
    deadline: iso(f.campaign.deadline_at),
    onTime: siteLoads.every((s) => s.onTime) && f.unassigned.length === 0,
    shortPeople: siteLoads.reduce((n, s) => n + s.shortPeople, 0),
    latePeople: siteLoads.reduce((n, s) => n + s.latePeople, 0),
    shortLaneHours: siteLoads.reduce((n, s) => n + s.shortLaneHours, 0),
    homeRuns: f.homeRuns,
    mode: f.mode,
    moved: f.moved,
    unassigned: {
      total: f.unassigned.length,
      byReason,
      first: f.unassigned.slice(0, FIRST_UNASSIGNED),
    },
  };
}
