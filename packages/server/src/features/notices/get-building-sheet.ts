import { NOTICE_BRING } from "@shequ/core/notice-text";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign, iso } from "../campaigns/queries";
import { findNoticeBuilding } from "./find-notice-building";
import type { BuildingSheet } from "./notice-schema";
import { isoOrNull } from "./notice-view";
import { selectAncestorNames, selectNoticeHouseholds } from "./queries";

/**
 * The sheet taped to a building's door (楼栋张贴): every door with its point and hour, or a home
 * visit. It is public, so it carries doors and times only — no names, phones or ID numbers. A
 * building with nobody in the round gets a sheet without rows.
 */
export async function getBuildingSheet(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  buildingId: string,
): Promise<BuildingSheet> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const building = await findNoticeBuilding(db, user, buildingId);
  const [rows, ancestors] = await Promise.all([
    selectNoticeHouseholds(db, campaign.id, { user, buildingId: building.id }),
    selectAncestorNames(db, building),
  ]);

  const sites = new Map<string, { id: string; name: string; address: string }>();
  for (const r of rows) {
    if (r.site_id && r.site_name !== null && !sites.has(r.site_id)) {
      sites.set(r.site_id, { id: r.site_id, name: r.site_name, address: r.site_address ?? "" });
    }
  }
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      startsAt: iso(campaign.starts_at),
      deadlineAt: iso(campaign.deadline_at),
    },
    building: {
      id: building.id,
      name: building.name,
      communityName: ancestors.community ?? "",
      gridName: ancestors.grid ?? "",
    },
    sites: [...sites.values()],
    bring: NOTICE_BRING,
    rows: rows.map((r) => ({
      householdId: r.household_id,
      unit: r.unit_name,
      door: r.door,
      site: r.site_name,
      startsAt: isoOrNull(r.starts_at),
      endsAt: isoOrNull(r.ends_at),
      people: (r.slot_people ?? 0) + (r.home_people ?? 0),
      homeVisit: (r.home_people ?? 0) > 0,
    })),
  };
}
