import type { RegionRef } from "@shequ/core/report-schema";
import type { Kysely } from "kysely";
import type { Campaign, Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { roundTop } from "../command/get-dashboard";
import { selectCoverageRows } from "../command/queries";
import { ensureCoverage, refreshExpected } from "../command/reconcile-coverage";
import { pathIds } from "../regions/queries";
import { assertRegionInScope, isRegionInScope } from "../regions/scope";

/** A round seen from one region of the user's area, as the board and the report open it. */
export interface RoundView {
  campaign: Campaign;
  /** Where the user's view of the round starts. */
  top: Region;
  region: Region;
  /** From `top` down to `region`, the user's own regions only. */
  trail: RegionRef[];
  /** The round's regions one level below `region`, in the tree's order. */
  children: RegionRef[];
}

/**
 * Opens a round at a region (default: the top of the user's view of it). A region outside the
 * user's scope, or outside the round, is a 404, like an id that does not exist.
 */
export async function openRoundView(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  regionId: string | undefined,
): Promise<RoundView> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  await ensureCoverage(db, campaign.id);
  const top = await roundTop(db, user, campaign.id);
  const region = regionId ? await assertRegionInScope(db, user, regionId) : top;
  if (!region.path.startsWith(top.path)) throw new AppError("not_found", "Region not found in this round");
  const load = () =>
    Promise.all([
      selectCoverageRows(db, campaign.id, {
        regionIds: pathIds(region.path).slice(pathIds(top.path).length - 1),
      }),
      selectCoverageRows(db, campaign.id, { parentId: region.id }),
    ]);
  let [own, children] = await load();
  // Scans add rollup rows as they go (expected 0); a round scanned before anyone looked has not
  // been counted against the registry yet, nor got rows for the regions nobody was sampled in.
  if (!own.some((r) => r.id === region.id && r.expected_at !== null)) {
    await refreshExpected(db, campaign.id);
    [own, children] = await load();
  }
  if (!own.some((r) => r.id === region.id)) throw new AppError("not_found", "Region not found in this round");
  const ref = (r: RegionRef) => ({ id: r.id, name: r.name, level: r.level });
  return {
    campaign,
    top,
    region,
    trail: own
      .filter((r) => isRegionInScope(user, r))
      .sort((a, b) => a.path.length - b.path.length)
      .map(ref),
    children: children.map(ref),
  };
}
