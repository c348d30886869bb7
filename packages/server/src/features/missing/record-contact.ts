import { type ContactInput, EXEMPTING_OUTCOMES, type MissingUpdate } from "@shequ/core/missing-schema";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import {
  answerUpdate,
  assertRoundOpen,
  assertStillExpected,
  lockTarget,
  upsertExemption,
} from "./follow-up-target";
import { loadRound } from "./grid-scope";

/**
 * What the grid worker heard when chasing a missing person. "Away", "in hospital" and "sampled
 * elsewhere" also exempt them from the round with that reason, in the same transaction, so the
 * dashboard stops counting them as missing; the other outcomes only record the call. Someone who
 * has been sampled meanwhile is refused (409 already_sampled): there is nobody left to chase.
 */
export async function recordContact(
  db: Kysely<Database>,
  user: SessionUser,
  o: { campaignId: string; residentId: string; input: ContactInput },
): Promise<MissingUpdate> {
  requirePermission(user, "missing.followup");
  const round = await loadRound(db, user, o.campaignId);
  assertRoundOpen(round);
  const campaignId = round.campaign.id;
  const target = await inTransaction(db, async (trx) => {
    const target = await lockTarget(trx, user, round, o.residentId);
    await assertStillExpected(trx, round, target);
    const contactId = newId();
    await trx
      .insertInto("missing_contacts")
      .values({
        id: contactId,
        campaign_id: campaignId,
        resident_id: target.id,
        outcome: o.input.outcome,
        place: o.input.place || null,
        note: o.input.note || null,
        created_by: user.id,
      })
      .execute();
    const reason = EXEMPTING_OUTCOMES[o.input.outcome];
    const exemption = reason
      ? await upsertExemption(trx, {
          campaignId,
          residentId: target.id,
          userId: user.id,
          reason,
          place: o.input.place,
          note: o.input.note,
        })
      : null;
    await recordAudit(trx, {
      userId: user.id,
      action: "missing.contact",
      entityType: "resident",
      entityId: target.id,
      details: { campaignId, contactId, outcome: o.input.outcome, exemption },
    });
    return target;
  });
  return answerUpdate(db, user, round, target);
}
