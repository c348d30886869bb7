import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { type ReconcileResult, reconcileCoverage } from "./reconcile-coverage";

/** The round's owner asks for a recount of its rollups (after a repair, or to prove them right). */
export async function reconcileRound(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<ReconcileResult> {
  requirePermission(user, "campaign.manage");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const result = await reconcileCoverage(db, campaign.id);
  await recordAudit(db, {
    userId: user.id,
    action: "coverage.reconcile",
    entityType: "campaign",
    entityId: campaign.id,
    details: { ...result },
  });
  return result;
}
