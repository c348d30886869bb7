import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { assertRegionInScope } from "../regions/scope";
import type { CampaignCreateInput, CampaignView } from "./campaign-schema";
import { copySites } from "./copy-sites";
import { findVisibleCampaign, presentCampaign } from "./queries";

/**
 * Opens a testing round (全员核酸检测) as a draft over regions inside the user's scope. The
 * deadline must lie ahead and after the start: a round that is already late cannot be planned.
 * It may start from the points of a past round (copySitesFrom).
 */
export async function createCampaign(
  db: Kysely<Database>,
  user: SessionUser,
  input: CampaignCreateInput,
  now = new Date(),
): Promise<CampaignView> {
  requirePermission(user, "campaign.manage");
  const startsAt = new Date(input.startsAt);
  const deadlineAt = new Date(input.deadlineAt);
  const issues: FieldIssue[] = [];
  if (deadlineAt <= now)
    issues.push({ field: "deadlineAt", reason: "in_past", message: "The deadline has already passed" });
  if (deadlineAt <= startsAt)
    issues.push({
      field: "deadlineAt",
      reason: "before_start",
      message: "The deadline must come after the start",
    });
  if (issues.length) throw new AppError("validation", issues.map((i) => i.message).join("; "), { issues });

  const regionIds = [...new Set(input.regionIds)];
  const scopePaths: string[] = [];
  for (const id of regionIds) scopePaths.push((await assertRegionInScope(db, user, id)).path);
  const source = input.copySitesFrom ? await findVisibleCampaign(db, user, input.copySitesFrom) : undefined;

  return inTransaction(db, async (trx) => {
    const campaign = await trx
      .insertInto("campaigns")
      .values({
        id: newId(),
        name: input.name,
        starts_at: startsAt,
        deadline_at: deadlineAt,
        pool_size: input.poolSize,
        slot_minutes: input.slotMinutes,
        headroom: input.headroom,
        home_run_size: input.homeRunSize,
        created_by: user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("campaign_regions")
      .values(regionIds.map((region_id) => ({ campaign_id: campaign.id, region_id })))
      .execute();
    const sitesCopied = source ? await copySites(trx, source, { id: campaign.id, startsAt, scopePaths }) : 0;
    await recordAudit(trx, {
      userId: user.id,
      action: "campaign.create",
      entityType: "campaign",
      entityId: campaign.id,
      details: { regionIds, copySitesFrom: source?.id ?? null, sitesCopied },
    });
    return presentCampaign(campaign, regionIds);
  });
}
