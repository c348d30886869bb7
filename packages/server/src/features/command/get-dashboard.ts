import { burnUp, projectFinish } from "@shequ/core/coverage-projection";
import { coverageFigures, type Dashboard, type DashboardQuery } from "@shequ/core/dashboard-schema";
import type { Kysely } from "kysely";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign, listCampaignRegions } from "../campaigns/queries";
import { pathIds } from "../regions/queries";
import { assertRegionInScope, isRegionInScope } from "../regions/scope";
import {
  countWalkIns,
  selectCoverageHours,
  selectCoverageRows,
  selectPending,
  selectPointHours,
  selectPointsServing,
  selectRoundPoints,
} from "./queries";
import { ensureCoverage } from "./reconcile-coverage";

const MAX_POINTS = 30;
/** Hours of load per point on the chart (the current one included). */
const CHART_HOURS = 12;
const HOUR = 3_600_000;

/**
 * A round's live figures for one region of the user's area: its coverage, one level down, the
 * hourly burn-up with the projected finish against the deadline, and the points serving it. Reads
 * only rollups, so it answers as fast at 25 million samples as at 250 thousand.
 */
export async function getDashboard(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: DashboardQuery,
  now = new Date(),
): Promise<Dashboard> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  await ensureCoverage(db, campaign.id);
  const top = await roundTop(db, user, campaign.id);
  const region = query.regionId ? await assertRegionInScope(db, user, query.regionId) : top;
  if (!region.path.startsWith(top.path)) throw new AppError("not_found", "Region not found in this round");
  // The round's own top shows every point of the round, with no need to match the points' areas.
  const whole = region.id === top.id && top.wholeRound;
  const [own, children, hours, points] = await Promise.all([
    selectCoverageRows(db, campaign.id, {
      regionIds: pathIds(region.path).slice(pathIds(top.path).length - 1),
    }),
    selectCoverageRows(db, campaign.id, { parentId: region.id }),
    selectCoverageHours(db, campaign.id, region.id),
    whole ? selectRoundPoints(db, campaign.id) : selectPointsServing(db, campaign.id, region.path),
  ]);
  const self = own.find((r) => r.id === region.id);
  if (!self) throw new AppError("not_found", "Region not found in this round");
  const figures = coverageFigures(self);
  const hourly = hours.map((h) => ({ hour: new Date(h.hour).toISOString(), sampled: Number(h.sampled) }));
  // Which points to chart: the busiest of the last 60 minutes, then their last 12 hours. The last
  // 60 minutes come from whole hours: this hour's samples and the share of the previous hour still
  // inside the window (the sliding-window estimate rate limiters use), so a district's 500 points
  // cost 1,000 rows, not 6,000 five-minute buckets.
  const thisHour = Math.floor(now.getTime() / HOUR) * HOUR;
  const stillIn = 1 - (now.getTime() - thisHour) / HOUR;
  const siteIds = whole ? "all" : points.map((p) => p.id);
  const [lastTwoHours, walkIns, pending] = await Promise.all([
    selectPointHours(db, campaign.id, siteIds, new Date(thisHour - HOUR)),
    countWalkIns(db, campaign.id, siteIds),
    selectPending(db, campaign.id),
  ]);
  const recent = new Map<string, number>();
  for (const h of lastTwoHours) {
    const weight = new Date(h.hour).getTime() < thisHour ? stillIn : 1;
    recent.set(h.site_id, (recent.get(h.site_id) ?? 0) + weight * Number(h.samples));
  }
  const busiest = [...points]
    .sort((a, b) => (recent.get(b.id) ?? 0) - (recent.get(a.id) ?? 0))
    .slice(0, MAX_POINTS);
  const since = new Date(thisHour - (CHART_HOURS - 1) * HOUR);
  const perPoint = new Map<string, { hour: string; samples: number }[]>();
  for (const h of await selectPointHours(
    db,
    campaign.id,
    busiest.map((p) => p.id),
    since,
  )) {
    const list = perPoint.get(h.site_id) ?? [];
    list.push({ hour: new Date(h.hour).toISOString(), samples: Number(h.samples) });
    perPoint.set(h.site_id, list);
  }
  const capacity = (p: (typeof points)[number]) => Number(p.lanes) * Number(p.per_lane_per_hour);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      startsAt: new Date(campaign.starts_at).toISOString(),
      deadlineAt: new Date(campaign.deadline_at).toISOString(),
    },
    region: { id: region.id, name: region.name, level: region.level, ...figures },
    trail: own
      .filter((r) => isRegionInScope(user, r))
      .sort((a, b) => a.path.length - b.path.length)
      .map((r) => ({ id: r.id, name: r.name, level: r.level })),
    children: children.map((c) => ({ id: c.id, name: c.name, level: c.level, ...coverageFigures(c) })),
    hours: hourly,
    burnUp: burnUp(hourly),
    projection: projectFinish({
      hours: hourly,
      remaining: figures.missing,
      now,
      deadline: new Date(campaign.deadline_at),
    }),
    points: busiest.map((p) => ({
      id: p.id,
      name: p.name,
      closed: p.closed_at !== null,
      capacityPerHour: capacity(p),
      hours: perPoint.get(p.id) ?? [],
    })),
    pointsTruncated: points.length > MAX_POINTS,
    capacityPerHour: points.filter((p) => p.closed_at === null).reduce((s, p) => s + capacity(p), 0),
    walkIns,
    asOf: now.toISOString(),
    expectedAt: latest(own.map((r) => r.expected_at)),
    pending,
  };
}

/** Where a user's view of a round starts; `wholeRound` when that is the round's own top. */
export type RoundTop = Region & { wholeRound: boolean };

/**
 * Where the user's view of a round starts: the round's own top (the common ancestor of its
 * regions) when the user may see all of it, else the user's own area inside it.
 */
export async function roundTop(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<RoundTop> {
  const regions = await listCampaignRegions(db, campaignId);
  const first = regions[0];
  if (!first) throw new AppError("not_found", "The round covers no region");
  let common = pathIds(first.path);
  for (const r of regions.slice(1)) {
    const ids = pathIds(r.path);
    let i = 0;
    while (i < common.length && common[i] === ids[i]) i += 1;
    common = common.slice(0, i);
  }
  const commonId = common[common.length - 1];
  const candidates = [commonId, user.scope?.regionId].filter((id): id is string => id !== undefined);
  for (const id of candidates) {
    try {
      const region = await assertRegionInScope(db, user, id);
      return { ...region, wholeRound: region.id === commonId };
    } catch {
      // Not the user's to see: try their own area.
    }
  }
  throw new AppError("not_found", "Campaign not found");
}

/** The latest of some times, as ISO, or null. */
function latest(times: (Date | string | null)[]): string | null {
  const ms = times.filter((t) => t !== null).map((t) => new Date(t).getTime());
  return ms.length > 0 ? new Date(Math.max(...ms)).toISOString() : null;
}
