import type { ExemptionInput, MissingUpdate } from "@shequ/core/missing-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { foldExemptions } from "../command/fold-exemptions";
import {
  answerUpdate,
  assertRoundOpen,
  assertStillExpected,
  lockTarget,
  upsertExemption,
} from "./follow-up-target";
import { loadRound } from "./grid-scope";
import { selectExemption } from "./queries";

/**
 * Exempts a resident from the round with a reason (or changes the reason): the dashboard counts
 * them apart from the missing. Refused for someone already sampled (409 already_sampled).
 */
export async function setExemption(
  db: Kysely<Database>,
  user: SessionUser,
  o: { campaignId: string; residentId: string; input: ExemptionInput },
): Promise<MissingUpdate> {
  requirePermission(user, "missing.followup");
  const round = await loadRound(db, user, o.campaignId);
  assertRoundOpen(round);
  const campaignId = round.campaign.id;
  const target = await inTransaction(db, async (trx) => {
    const target = await lockTarget(trx, user, round, o.residentId);
    await assertStillExpected(trx, round, target);
    const change = await upsertExemption(trx, {
      campaignId,
      residentId: target.id,
      userId: user.id,
      ...o.input,
    });
    await recordAudit(trx, {
      userId: user.id,
      action: "missing.exempt",
      entityType: "resident",
      entityId: target.id,
      details: { campaignId, reason: o.input.reason, change },
    });
    return target;
  });
  return answerUpdate(db, user, round, target);
}

/**
 * Takes back a wrong exemption: the person is missing again (unless sampled meanwhile). The
 * rollups are folded before the row goes, while the fold can still see it.
 */
export async function removeExemption(
  db: Kysely<Database>,
  user: SessionUser,
  o: { campaignId: string; residentId: string },
): Promise<MissingUpdate> {
  requirePermission(user, "missing.followup");
  const round = await loadRound(db, user, o.campaignId);
  const campaignId = round.campaign.id;
  const target = await inTransaction(db, async (trx) => {
    const target = await lockTarget(trx, user, round, o.residentId);
    const existing = await selectExemption(trx, campaignId, target.id);
    if (!existing) throw new AppError("not_found", "This resident is not exempted in this round");
    await foldExemptions(trx, { campaignId, residentIds: [target.id], sign: -1 });
    await trx
      .deleteFrom("exemptions")
      .where("campaign_id", "=", campaignId)
      .where("resident_id", "=", target.id)
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "missing.unexempt",
      entityType: "resident",
      entityId: target.id,
      details: { campaignId, reason: existing.reason },
    });
    return target;
  });
  return answerUpdate(db, user, round, target);
}
