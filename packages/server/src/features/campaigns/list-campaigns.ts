import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import type { CampaignSummary } from "./campaign-schema";
import { campaignVisible, iso, presentCampaign } from "./queries";

/** Rounds the user may see, newest first; past rounds stay readable. */
export async function listCampaigns(db: Kysely<Database>, user: SessionUser): Promise<CampaignSummary[]> {
  requirePermission(user, "campaign.read");
  const rows = await db
    .selectFrom("campaigns")
    .selectAll("campaigns")
    .select([
      sql<
        string[]
      >`array(select region_id::text from campaign_regions cr where cr.campaign_id = campaigns.id)`.as(
        "region_ids",
      ),
      sql<number>`(select count(*) from sites s where s.campaign_id = campaigns.id and s.closed_at is null)`.as(
        "site_count",
      ),
      sql<number>`(select count(*) from slot_assignments a where a.campaign_id = campaigns.id)`.as(
        "households",
      ),
    ])
    .where(campaignVisible(user))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    ...presentCampaign(r, r.region_ids),
    sites: Number(r.site_count),
    households: Number(r.households),
    createdAt: iso(r.created_at),
  }));
}
