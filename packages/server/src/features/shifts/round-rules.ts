import { RestRules } from "@shequ/core/rest-rules";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { readRules } from "./queries";

/** The round's rest rules (the defaults until someone sets them). */
export async function getRoundRules(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<RestRules> {
  requirePermission(user, "workforce.checkin");
  return readRules(await findVisibleCampaign(db, user, campaignId));
}

/** Sets the round's rest rules; plans already made are not changed, only checked from now on. */
export async function setRoundRules(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  input: RestRules,
): Promise<RestRules> {
  requirePermission(user, "workforce.manage");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const rules = RestRules.parse(input);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("campaigns")
      .set({ rest_rules: JSON.stringify(rules) })
      .where("id", "=", campaign.id)
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "shift.rules",
      entityType: "campaign",
      entityId: campaign.id,
      details: { ...rules },
    });
  });
  return rules;
}
