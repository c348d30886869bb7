import { lookupCode } from "@shequ/core/lookup-code";
import { maskName } from "@shequ/core/mask";
import { composeNoticeText } from "@shequ/core/notice-text";
import { signResidentToken, type TokenSigningKey } from "@shequ/core/resident-token";
import type { Kysely } from "kysely";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { findNoticeBuilding } from "./find-notice-building";
import type { HouseholdNotice } from "./notice-schema";
import { householdAddress, isoOrNull, toNoticeTextInput } from "./notice-view";
import { type NoticeHouseholdRow, selectActiveResidents, selectNoticeHouseholds } from "./queries";

/**
 * The printed notice slips of one building: each household's text and one signed QR token per
 * resident (names masked). Tokens let anyone holding the slip register that resident, so every
 * print is audited.
 */
export async function listBuildingNotices(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; buildingId: string; key: TokenSigningKey },
): Promise<HouseholdNotice[]> {
  requirePermission(user, "campaign.notify");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  const building = await findNoticeBuilding(db, user, opts.buildingId);
  const rows = await selectNoticeHouseholds(db, campaign.id, { user, buildingId: building.id });
  const notices = await presentNotices(db, campaign, rows, opts.key);
  await recordAudit(db, {
    userId: user.id,
    action: "notice.print",
    entityType: "building",
    entityId: building.id,
    details: {
      campaignId: campaign.id,
      households: notices.length,
      residents: notices.reduce((n, x) => n + x.residents.length, 0),
    },
  });
  return notices;
}

/** One household's notice with its residents' QR tokens (audited, like a building's slips). */
export async function getHouseholdNotice(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; householdId: string; key: TokenSigningKey },
): Promise<HouseholdNotice> {
  requirePermission(user, "campaign.notify");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  const rows = isUuid(opts.householdId)
    ? await selectNoticeHouseholds(db, campaign.id, { user, householdId: opts.householdId })
    : [];
  const [notice] = await presentNotices(db, campaign, rows, opts.key);
  if (!notice) throw new AppError("not_found", "Household not found in this round");
  await recordAudit(db, {
    userId: user.id,
    action: "notice.view",
    entityType: "household",
    entityId: notice.householdId,
    details: { campaignId: campaign.id, residents: notice.residents.length },
  });
  return notice;
}

async function presentNotices(
  db: Kysely<Database>,
  campaign: Campaign,
  rows: NoticeHouseholdRow[],
  key: TokenSigningKey,
): Promise<HouseholdNotice[]> {
  const residents = await selectActiveResidents(
    db,
    rows.map((r) => r.household_id),
  );
  const byHousehold = new Map<string, typeof residents>();
  for (const r of residents) {
    const list = byHousehold.get(r.household_id);
    if (list) list.push(r);
    else byHousehold.set(r.household_id, [r]);
  }
  const issuedAt = Math.floor(Date.now() / 1000);
  return rows.map((row) => {
    const input = toNoticeTextInput(row, campaign.name);
    return {
      householdId: row.household_id,
      address: householdAddress(row),
      text: composeNoticeText(input),
      site: input.site,
      slot:
        row.starts_at && row.ends_at
          ? { startsAt: isoOrNull(row.starts_at) as string, endsAt: isoOrNull(row.ends_at) as string }
          : null,
      homeVisit: input.homeVisit,
      residents: (byHousehold.get(row.household_id) ?? []).map((r) => ({
        residentId: r.id,
        name: maskName(r.name),
        token: signResidentToken(
          { residentId: r.id, householdId: row.household_id, campaignId: campaign.id, issuedAt },
          key,
        ),
        lookupCode: lookupCode(key.secretKey, r.id),
      })),
      status: row.status,
    };
  });
}
