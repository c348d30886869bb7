import { idReasonMessage } from "@shequ/core/id-document";
import { checkCnIdNumber } from "@shequ/core/id-number";
import { verifyResidentToken } from "@shequ/core/resident-token";
import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { inCampaignScope } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import type { StationPoint } from "./find-station-point";
import { selectRecalledResidents } from "./queries";
import { rejected, type ScanOutcome } from "./scan-outcome";
import type { BindScan } from "./station-schema";

const UNKNOWN = "Not found among this round's residents: check the number, or register a walk-in";

/** How a bind names a resident, checked without the database (token signature, check digit). */
export type Named = { id: string } | { idNumber: string } | ScanOutcome;

/** The same checks as findPerson, in the same order, for a resident named by id, token or ID number. */
export function nameResident(
  bind: BindScan,
  point: StationPoint,
  tokenKeys: Parameters<typeof verifyResidentToken>[1],
): Named {
  if (bind.token !== undefined) {
    const check = verifyResidentToken(bind.token, tokenKeys);
    if (!check.ok) return rejected("bad_token", `The QR code does not verify (${check.reason})`);
    if (check.payload.campaignId !== point.campaign.id)
      return rejected("bad_token", "The QR code is for another round");
    return { id: check.payload.residentId };
  }
  if (bind.idNumber !== undefined) {
    const check = checkCnIdNumber(bind.idNumber);
    if (!check.ok) return rejected("invalid_id_number", idReasonMessage(check.reason, "en"));
    return { idNumber: check.normalized };
  }
  const id = bind.residentId ?? "";
  if (!isUuid(id)) return rejected("unknown_person", UNKNOWN);
  return { id };
}

export const unknownPerson = () => rejected("unknown_person", UNKNOWN);

export interface FoundResidents {
  byId: Map<string, { id: string; household_id: string }>;
  byIdNumber: Map<string, { id: string; household_id: string }>;
  /** Residents with a live sample in the round. */
  sampled: Set<string>;
  /** Of those, the ones with an open recall: resident id → recall id. */
  recalled: Map<string, string>;
}

/**
 * The round's active residents among those named, each row locked (as findPerson locks it, so
 * two stations cannot sample one person at the same instant unnoticed), and which of them are
 * sampled already: two statements for a whole group instead of two per scan.
 */
export async function findRoundResidents(
  trx: Transaction<Database>,
  point: StationPoint,
  ids: string[],
  idNumbers: string[],
): Promise<FoundResidents> {
  const found: FoundResidents = {
    byId: new Map(),
    byIdNumber: new Map(),
    sampled: new Set(),
    recalled: new Map(),
  };
  if (ids.length === 0 && idNumbers.length === 0) return found;
  const rows = await trx
    .selectFrom("residents as r")
    .select(["r.id", "r.household_id", "r.id_number", "r.id_type"])
    .where("r.status", "=", "active")
    .where(inCampaignScope(point.regions, "r"))
    .where((eb) =>
      eb.or([
        eb("r.id", "=", sql<string>`any(${ids}::uuid[])`),
        eb.and([
          eb("r.id_type", "=", "cn_id"),
          eb("r.id_number", "=", sql<string>`any(${idNumbers}::text[])`),
        ]),
      ]),
    )
    .orderBy("r.id")
    .forNoKeyUpdate()
    .execute();
  for (const r of rows) {
    found.byId.set(r.id, r);
    if (r.id_type === "cn_id") found.byIdNumber.set(r.id_number, r);
  }
  if (rows.length === 0) return found;
  const sampled = await trx
    .selectFrom("samples")
    .select("resident_id")
    .where("campaign_id", "=", point.campaign.id)
    .where("resident_id", "=", sql<string>`any(${rows.map((r) => r.id)}::uuid[])`)
    .where("undone_at", "is", null)
    .execute();
  for (const s of sampled) if (s.resident_id) found.sampled.add(s.resident_id);
  if (found.sampled.size > 0) {
    found.recalled = await selectRecalledResidents(trx, point.campaign.id, [...found.sampled]);
  }
  return found;
}
