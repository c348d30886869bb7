import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { SiteCreateInput, SiteView } from "./campaign-schema";
import { findVisibleCampaign, listSiteViews } from "./queries";
import { assertSitesEditable, checkSiteInput } from "./site-input";

export const DEFAULT_ZONES = ["triage", "temperature", "registration", "queue", "sampling"];

/**
 * Adds a collection point (核酸采集点) to a round: its opening windows (they may run through the
 * night) and the grids or buildings it serves. A community secretary may only serve regions in
 * their own community, and every served region must lie in the round. In a running round a new
 * point takes people at the next re-scheduling.
 */
export async function addSite(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  input: SiteCreateInput,
): Promise<SiteView> {
  requirePermission(user, "campaign.site");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  assertSitesEditable(campaign);
  const regionIds = (await checkSiteInput(db, user, campaign, input)) ?? [];

  const id = newId();
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
        zones: input.zones ?? DEFAULT_ZONES,
      })
      .execute();
    await insertWindowsAndRegions(trx, id, input.windows, regionIds);
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.site.create",
      entityType: "site",
      entityId: id,
      details: { campaignId: campaign.id, regionIds, lanes: input.lanes },
    });
  });
  return findSiteView(db, campaign.id, id);
}

export async function insertWindowsAndRegions(
  trx: Kysely<Database>,
  siteId: string,
  windows: readonly { startsAt: string | Date; endsAt: string | Date }[] | undefined,
  regionIds: readonly string[] | undefined,
): Promise<void> {
  if (windows?.length) {
    await trx
      .insertInto("site_windows")
      .values(windows.map((w) => ({ site_id: siteId, starts_at: w.startsAt, ends_at: w.endsAt })))
      .execute();
  }
  if (regionIds?.length) await insertSiteRegions(trx, siteId, regionIds);
}

/** A point's areas, with its round and each region's path copied (see migration 0011). */
export async function insertSiteRegions(
  trx: Kysely<Database>,
  siteId: string,
  regionIds: readonly string[],
): Promise<void> {
  await trx
    .insertInto("site_regions")
    .columns(["site_id", "region_id", "campaign_id", "path"])
    .expression((eb) =>
      eb
        .selectFrom("regions as r")
        .innerJoin("sites as s", (j) => j.on("s.id", "=", siteId))
        .select(["s.id", "r.id", "s.campaign_id", "r.path"])
        .where("r.id", "in", [...regionIds]),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function findSiteView(
  db: Kysely<Database>,
  campaignId: string,
  siteId: string,
): Promise<SiteView> {
  const site = (await listSiteViews(db, campaignId)).find((s) => s.id === siteId);
  if (!site) throw new Error(`site ${siteId} vanished`);
  return site;
}
