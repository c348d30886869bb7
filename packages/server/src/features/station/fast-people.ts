import { idReasonMessage } from "@shequ/core/id-document";
import { checkCnIdNumber } from "@shequ/core/id-number";
import { verifyResidentToken } from "@shequ/core/resident-token";
import { sql, type Transaction } from "kysely";
import { PREPARED } from "../../db/prepared";
import type { Database } from "../../db/schema";
import { anyOfList } from "../../db/unnest";
import { inCampaignScope } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import type { StationPoint } from "./find-station-point";
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
 * two stations cannot sample one person at the same instant unnoticed), whether each is sampled
 * already and any open recall of theirs: one statement for a whole group instead of three per
 * scan. Someone named who lives outside the round's area is locked too but left out, as unknown.
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
  const round = point.campaign.id;
  const rows = await trx
    .selectFrom("residents as r")
    .modifyFront(PREPARED)
    .select(["r.id", "r.household_id", "r.id_number", "r.id_type"])
    .select([
      // Probed per resident by index (`offset 0`): otherwise the planner may hash every sample
      // of the round once it expects a few hundred residents (a group of 700 took 20–90 ms).
      sql<boolean>`exists (select 1 from samples s
        where s.campaign_id = ${round} and s.resident_id = r.id and s.undone_at is null offset 0)`.as(
        "sampled",
      ),
      sql<string | null>`(select rc.id from recalls rc
        where rc.campaign_id = ${round} and rc.resident_id = r.id and rc.status = 'open'
        limit 1)`.as("recall_id"),
      // In the round's area: a column, not a condition, so the residents are found by their
      // keys first and the area's communities read once. As a condition, the plan could join
      // the district's communities to the residents and look the group up once per community
      // (5 times in bench:checkin); planning it took 0.62 ms a group, against 0.39 now.
      sql<boolean>`${inCampaignScope(point.regions, "r")}`.as("inside"),
    ])
    .where("r.status", "=", "active")
    .where((eb) =>
      eb.or([
        eb("r.id", "=", anyOfList(ids, "uuid")),
        eb.and([eb("r.id_type", "=", "cn_id"), eb("r.id_number", "=", anyOfList(idNumbers, "text"))]),
      ]),
    )
    .orderBy("r.id")
    .forNoKeyUpdate("r")
    .execute();
  for (const r of rows) {
    if (!r.inside) continue;
    const person = { id: r.id, household_id: r.household_id };
    found.byId.set(r.id, person);
    if (r.id_type === "cn_id") found.byIdNumber.set(r.id_number, person);
    if (!r.sampled) continue;
    found.sampled.add(r.id);
    if (r.recall_id) found.recalled.set(r.id, r.recall_id);
  }
  return found;
}
