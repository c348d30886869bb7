import type { MissingReveal } from "@shequ/core/missing-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { lockTarget } from "./follow-up-target";
import { loadRound } from "./grid-scope";

/**
 * One missing person's phone and ID number unmasked, so the grid worker can call them. The audit
 * row ("missing.reveal": who, whose, which round) is written before the values leave the server.
 */
export async function revealPerson(
  db: Kysely<Database>,
  user: SessionUser,
  o: { campaignId: string; residentId: string },
): Promise<MissingReveal> {
  requirePermission(user, "missing.followup");
  requirePermission(user, "resident.reveal");
  const round = await loadRound(db, user, o.campaignId);
  return inTransaction(db, async (trx) => {
    const target = await lockTarget(trx, user, round, o.residentId);
    await recordAudit(trx, {
      userId: user.id,
      action: "missing.reveal",
      entityType: "resident",
      entityId: target.id,
      details: { campaignId: round.campaign.id, fields: ["phone", "idNumber"] },
    });
    return { phone: target.phone, idNumber: target.id_number };
  });
}
