import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { findSiteView, insertWindowsAndRegions } from "./add-site";
import type { SiteCloseInput, SiteUpdateInput, SiteView } from "./campaign-schema";
import { findVisibleCampaign } from "./queries";
import { assertSitesEditable, checkSiteInput } from "./site-input";

async function findSite(db: Kysely<Database>, campaignId: string, siteId: string) {
  const site = isUuid(siteId)
    ? await db
        .selectFrom("sites")
        .selectAll()
        .where("id", "=", siteId)
        .where("campaign_id", "=", campaignId)
        .executeTakeFirst()
    : undefined;
  if (!site) throw new AppError("not_found", "Collection point not found in this round");
  return site;
}

/**
 * Changes a point: lanes, rate, windows (replaced as a whole), served regions. The stored schedule
 * is untouched until the next scheduling run, which in a running round moves only the people whose
 * slot the change affects.
 */
export async function updateSite(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  siteId: string,
  input: SiteUpdateInput,
): Promise<SiteView> {
  requirePermission(user, "campaign.site");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  assertSitesEditable(campaign);
  const site = await findSite(db, campaign.id, siteId);
  const regionIds = await checkSiteInput(db, user, campaign, input);
  await inTransaction(db, async (trx) => {
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.lanes !== undefined && { lanes: input.lanes }),
      ...(input.perLanePerHour !== undefined && { per_lane_per_hour: input.perLanePerHour }),
      ...(input.zones !== undefined && { zones: input.zones }),
    };
    if (Object.keys(changes).length)
      await trx.updateTable("sites").set(changes).where("id", "=", site.id).execute();
    if (input.windows) await trx.deleteFrom("site_windows").where("site_id", "=", site.id).execute();
    if (regionIds) await trx.deleteFrom("site_regions").where("site_id", "=", site.id).execute();
    await insertWindowsAndRegions(trx, site.id, input.windows, regionIds);
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.site.update",
      entityType: "site",
      entityId: site.id,
      details: { campaignId: campaign.id, fields: Object.keys(input) },
    });
  });
  return findSiteView(db, campaign.id, site.id);
}

/**
 * Closes a point (no staff, broken down, weather). Optionally another open point takes over the
 * regions it served; the next scheduling run moves its people who are not yet sampled.
 */
export async function closeSite(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  siteId: string,
  input: SiteCloseInput,
  now = new Date(),
): Promise<SiteView> {
  requirePermission(user, "campaign.site");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  assertSitesEditable(campaign);
  const site = await findSite(db, campaign.id, siteId);
  if (site.closed_at) throw new AppError("conflict", "The collection point is already closed");
  if (input.moveTo !== undefined) {
    const target = await findSite(db, campaign.id, input.moveTo).catch(() => undefined);
    if (!target || target.closed_at || target.id === site.id) {
      throw new AppError(
        "validation",
        "The point to move people to must be another open point of this round",
        {
          issues: [{ field: "moveTo", reason: "not_open", message: "Pick another open point of this round" }],
        },
      );
    }
  }
  await inTransaction(db, async (trx) => {
    await trx.updateTable("sites").set({ closed_at: now }).where("id", "=", site.id).execute();
    if (input.moveTo) {
      const served = await trx
        .selectFrom("site_regions")
        .select("region_id")
        .where("site_id", "=", site.id)
        .execute();
      await insertWindowsAndRegions(
        trx,
        input.moveTo,
        undefined,
        served.map((r) => r.region_id),
      );
    }
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.site.close",
      entityType: "site",
      entityId: site.id,
      details: { campaignId: campaign.id, moveTo: input.moveTo ?? null },
    });
  });
  return findSiteView(db, campaign.id, site.id);
}
