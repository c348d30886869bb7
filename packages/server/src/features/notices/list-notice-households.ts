import { maskPhone } from "@shequ/core/mask";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { assertRegionInScope } from "../regions/scope";
import type { NoticeHouseholdPage, NoticeHouseholdQuery } from "./notice-schema";
import { householdAddress, isoOrNull } from "./notice-view";
import {
  countNoticeStatuses,
  type NoticeFilter,
  type NoticeHouseholdRow,
  selectActiveResidents,
  selectNoticeHouseholds,
} from "./queries";

/**
 * The grid worker's calling list: households of a round with their notice state and masked phones,
 * in door order, filtered by region and state (e.g. everyone still pending or unreachable).
 */
export async function listNoticeHouseholds(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: NoticeHouseholdQuery,
): Promise<NoticeHouseholdPage> {
  requirePermission(user, "campaign.notify");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const filter: NoticeFilter = { user, status: query.status };
  if (query.regionId) filter.region = await assertRegionInScope(db, user, query.regionId);
  const rows = await selectNoticeHouseholds(db, campaign.id, filter, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  // Past the last page there is no row to carry the total: count instead.
  const total =
    rows[0]?.total ??
    (query.page > 1
      ? Object.values(await countNoticeStatuses(db, campaign.id, filter)).reduce((n, x) => n + x, 0)
      : 0);
  return { items: await presentNoticeRows(db, rows), total };
}

/** Rows of the calling list, with each household's distinct phones masked. */
export async function presentNoticeRows(
  db: Kysely<Database>,
  rows: NoticeHouseholdRow[],
): Promise<NoticeHouseholdPage["items"]> {
  const residents = await selectActiveResidents(
    db,
    rows.map((r) => r.household_id),
  );
  const phones = new Map<string, Set<string>>();
  for (const r of residents) {
    if (!r.phone) continue;
    const set = phones.get(r.household_id) ?? new Set<string>();
    set.add(r.phone);
    phones.set(r.household_id, set);
  }
  return rows.map((r) => ({
    householdId: r.household_id,
    address: householdAddress(r),
    phones: [...(phones.get(r.household_id) ?? [])].map(maskPhone),
    status: r.status,
    startsAt: isoOrNull(r.starts_at),
    endsAt: isoOrNull(r.ends_at),
    site: r.site_name,
    note: r.note,
    updatedAt: isoOrNull(r.updated_at),
  }));
}
