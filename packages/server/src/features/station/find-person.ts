import { checkIdDocument, idReasonMessage } from "@shequ/core/id-document";
import { checkCnIdNumber } from "@shequ/core/id-number";
import { verifyResidentToken } from "@shequ/core/resident-token";
import { inCampaignScope } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { rejected, type ScanContext, type ScanOutcome } from "./scan-outcome";
import type { BindScan, WalkIn } from "./station-schema";

export type Person =
  | { kind: "resident"; residentId: string; householdId: string }
  | { kind: "walk_in"; walkIn: WalkIn & { idNumber: string } };

const UNKNOWN = "Not found among this round's residents: check the number, or register a walk-in";

/**
 * Who stands at the desk, named one of four ways: picked from the slot list, a signed QR token
 * (which must be for this round), a typed ID number (check digit first), or a walk-in's details.
 * Residents are looked up among the round's active residents, wherever their point is, and their
 * row is locked so two stations cannot sample the same person at the same instant unnoticed.
 */
export async function findPerson(ctx: ScanContext, bind: BindScan): Promise<Person | ScanOutcome> {
  if (bind.walkIn) {
    const check = checkIdDocument(bind.walkIn.idType, bind.walkIn.idNumber);
    if (!check.ok) {
      return rejected("invalid_id_number", idReasonMessage(check.reason, "en", bind.walkIn.idType));
    }
    return { kind: "walk_in", walkIn: { ...bind.walkIn, idNumber: check.normalized } };
  }
  if (bind.token !== undefined) {
    const check = verifyResidentToken(bind.token, ctx.tokenKeys);
    if (!check.ok) return rejected("bad_token", `The QR code does not verify (${check.reason})`);
    if (check.payload.campaignId !== ctx.point.campaign.id) {
      return rejected("bad_token", "The QR code is for another round");
    }
    return findResident(ctx, { id: check.payload.residentId });
  }
  if (bind.idNumber !== undefined) {
    const check = checkCnIdNumber(bind.idNumber);
    if (!check.ok) return rejected("invalid_id_number", idReasonMessage(check.reason, "en"));
    return findResident(ctx, { idNumber: check.normalized });
  }
  const id = bind.residentId ?? "";
  if (!isUuid(id)) return rejected("unknown_person", UNKNOWN);
  return findResident(ctx, { id });
}

async function findResident(
  ctx: ScanContext,
  by: { id: string } | { idNumber: string },
): Promise<Person | ScanOutcome> {
  let query = ctx.trx
    .selectFrom("residents as r")
    .select(["r.id", "r.household_id"])
    .where("r.status", "=", "active")
    .where(inCampaignScope(ctx.point.regions, "r"));
  query =
    "id" in by
      ? query.where("r.id", "=", by.id)
      : query.where("r.id_type", "=", "cn_id").where("r.id_number", "=", by.idNumber);
  const row = await query.forNoKeyUpdate().executeTakeFirst();
  if (!row) return rejected("unknown_person", UNKNOWN);
  return { kind: "resident", residentId: row.id, householdId: row.household_id };
}
