import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { CampaignView } from "./campaign-schema";
import { findVisibleCampaign, listCampaignRegions, presentCampaign } from "./queries";

/** The only moves a round makes: planned → sampling → done. Scheduling makes draft → scheduled. */
const NEXT: Record<string, string> = { scheduled: "running", running: "closed" };

/**
 * Starts sampling (已排班 → 采样中) or closes a round (采样中 → 已结束). A closed round stays
 * readable for the record and for copying its points into the next round.
 */
export async function changeCampaignStatus(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  status: "scheduled" | "running" | "closed",
): Promise<CampaignView> {
  requirePermission(user, "campaign.manage");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const updated = await inTransaction(db, async (trx) => {
    const locked = await trx
      .selectFrom("campaigns")
      .select("status")
      .where("id", "=", campaign.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (NEXT[locked.status] !== status) {
      const hint =
        locked.status === "draft"
          ? ": schedule it first"
          : locked.status === "closed"
            ? ": it is closed"
            : "";
      throw new AppError("conflict", `A ${locked.status} round cannot become ${status}${hint}`, {
        from: locked.status,
        to: status,
      });
    }
    const row = await trx
      .updateTable("campaigns")
      .set({ status })
      .where("id", "=", campaign.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.status",
      entityType: "campaign",
      entityId: campaign.id,
      details: { from: locked.status, to: status },
    });
    return row;
  });
  const regions = await listCampaignRegions(db, campaign.id);
  return presentCampaign(
    updated,
    regions.map((r) => r.id),
  );
}
