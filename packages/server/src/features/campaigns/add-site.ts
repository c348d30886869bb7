import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { assertRegionInScope } from "../regions/scope";
import type { SiteCreateInput, SiteView } from "./campaign-schema";
import { findVisibleCampaign, listCampaignRegions } from "./queries";

export const DEFAULT_ZONES = ["triage", "temperature", "registration", "queue", "sampling"];

/**
 * Adds a collection point (核酸采集点) to a round that has not started: its opening windows
 * (they may run through the night) and the grids or buildings it serves. A community secretary
 * may only serve regions in their own community, and every served region must lie in the round.
 */
export async function addSite(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  input: SiteCreateInput,
): Promise<SiteView> {
  requirePermission(user, "campaign.site");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  if (campaign.status !== "draft" && campaign.status !== "scheduled") {
    throw new AppError("conflict", `The round is ${campaign.status}: points can no longer be added`);
  }
  const issues: FieldIssue[] = [];
  input.windows.forEach((w, i) => {
    if (new Date(w.endsAt) <= new Date(w.startsAt)) {
      issues.push({
        field: `windows.${i}.endsAt`,
        reason: "ends_before_start",
        message: `Opening window ${i + 1} ends before it starts`,
      });
    }
  });
  const scope = await listCampaignRegions(db, campaign.id);
  const regionIds = [...new Set(input.regionIds)];
  for (const [i, id] of regionIds.entries()) {
    const region = await assertRegionInScope(db, user, id);
    if (!scope.some((s) => region.path.startsWith(s.path))) {
      issues.push({
        field: `regionIds.${i}`,
        reason: "outside_campaign",
        message: "A served region lies outside the round's scope",
      });
    }
  }
  if (issues.length) throw new AppError("validation", issues.map((i) => i.message).join("; "), { issues });

  const id = newId();
  const zones = input.zones ?? DEFAULT_ZONES;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("sites")
      .values({
        id,
        campaign_id: campaign.id,
        name: input.name,
        address: input.address,
        lanes: input.lanes,
        per_lane_per_hour: input.perLanePerHour,
        zones,
      })
      .execute();
    await trx
      .insertInto("site_windows")
      .values(input.windows.map((w) => ({ site_id: id, starts_at: w.startsAt, ends_at: w.endsAt })))
      .execute();
    await trx
      .insertInto("site_regions")
      .values(regionIds.map((region_id) => ({ site_id: id, region_id })))
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.site.create",
      entityType: "site",
      entityId: id,
      details: { campaignId: campaign.id, regionIds, lanes: input.lanes },
    });
  });
  return {
    id,
    name: input.name,
    address: input.address,
    lanes: input.lanes,
    perLanePerHour: input.perLanePerHour,
    zones,
    windows: input.windows.map((w) => ({
      startsAt: new Date(w.startsAt).toISOString(),
      endsAt: new Date(w.endsAt).toISOString(),
    })),
    regionIds,
  };
}
