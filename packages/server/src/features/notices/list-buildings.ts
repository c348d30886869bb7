import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import type { NoticeBuildingList } from "./notice-schema";
import { isoOrNull } from "./notice-view";
import { selectNoticeBuildings } from "./queries";

/**
 * The buildings of a round in the user's area, in door order, with how many households and people
 * each has and when they go: the index from which a grid worker prints one sheet per building.
 */
export async function listNoticeBuildings(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<NoticeBuildingList["items"]> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const rows = await selectNoticeBuildings(db, campaign.id, { user });
  return rows.map((r) => ({
    buildingId: r.building_id,
    name: r.name,
    communityName: r.community_name,
    gridName: r.grid_name,
    households: r.households,
    people: r.people,
    siteName: r.site_name,
    firstSlot: isoOrNull(r.first_slot),
    lastSlot: isoOrNull(r.last_slot),
  }));
}
