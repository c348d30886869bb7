import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { findVisibleCampaign, listCampaignRegions, type ScopeRegion } from "../campaigns/queries";
import { isUuid } from "../regions/scope";

export interface StationPoint {
  campaign: Campaign;
  site: { id: string; name: string; address: string; closed_at: Date | null };
  /** The round's area, for finding its residents. */
  regions: ScopeRegion[];
}

/** The statuses in which a station may scan: the round has a schedule and is not closed. */
export const OPEN_ROUND = new Set(["scheduled", "running"]);

/**
 * Where-expression: the site (alias `s`) serves some region that overlaps the user's scope, so a
 * registrar of one community cannot work a point of another community's area.
 */
export function siteVisible(user: SessionUser, table = "s"): Expression<SqlBool> {
  if (!user.scope) return user.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  const path = user.scope.path;
  return sql<SqlBool>`exists (select 1 from site_regions sr join regions r on r.id = sr.region_id
    where sr.site_id = ${sql.ref(`${table}.id`)} and (r.path like ${`${path}%`} or ${path} like r.path || '%'))`;
}

/**
 * The round and collection point a station works for, both in the user's area, or 404 as for
 * ids that do not exist.
 */
export async function findStationPoint(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  siteId: string,
): Promise<StationPoint> {
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const site = isUuid(siteId)
    ? await db
        .selectFrom("sites as s")
        .select(["s.id", "s.name", "s.address", "s.closed_at"])
        .where("s.id", "=", siteId)
        .where("s.campaign_id", "=", campaign.id)
        .where(siteVisible(user, "s"))
        .executeTakeFirst()
    : undefined;
  if (!site) throw new AppError("not_found", "Collection point not found in this round");
  return { campaign, site, regions: await listCampaignRegions(db, campaign.id) };
}
