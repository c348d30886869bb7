import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { assertRegionInScope } from "../regions/scope";
import type { NoticeSummary } from "./notice-schema";
import { countNoticeStatuses } from "./queries";

/** How far telling every household has got, in the user's area (or one region of it). */
export async function summariseNotices(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; regionId?: string },
): Promise<NoticeSummary> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  const region = opts.regionId ? await assertRegionInScope(db, user, opts.regionId) : undefined;
  const byStatus = await countNoticeStatuses(db, campaign.id, { user, region });
  return { households: Object.values(byStatus).reduce((n, x) => n + x, 0), byStatus };
}
