import { lookupCode } from "@shequ/core/lookup-code";
import { maskName } from "@shequ/core/mask";
import type { TokenSigningKey } from "@shequ/core/resident-token";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";

/** Where a resident stands in one round, in words they can act on (see the web's lookup page). */
export type RoundState =
  | "not_sampled"
  | "awaiting"
  | "negative"
  /** Their pooled tube was positive or invalid: stay home, the community arranges a re-sample. */
  | "recalled"
  | "recall_awaiting"
  | "recall_negative"
  | "positive";

export interface LookupAnswer {
  name: string;
  rounds: {
    campaignId: string;
    name: string;
    startsAt: string;
    state: RoundState;
    sampledAt: string | null;
  }[];
}

/** The most recent rounds shown: enough for "this round and the ones before". */
const ROUNDS = 5;

/**
 * A resident's own results, by ID number and the code on their household slip. Reads only. A wrong
 * code and an unknown ID number answer the same "wrong_code", so the lookup never tells whether a
 * number is registered.
 */
export async function lookupResult(
  db: Kysely<Database>,
  key: TokenSigningKey,
  input: { idNumber: string; code: string },
): Promise<LookupAnswer | "wrong_code"> {
  const candidates = await db
    .selectFrom("residents")
    .select(["id", "name", "household_id"])
    .where("id_number", "=", input.idNumber)
    .where("status", "=", "active")
    .execute();
  const resident = candidates.find((r) => lookupCode(key.secretKey, r.id) === input.code);
  if (!resident) return "wrong_code";

  const { rows } = await sql<{
    campaign_id: string;
    name: string;
    starts_at: Date;
    sampled_at: Date | null;
    single: boolean | null;
    result: string | null;
    recall_status: string | null;
    recall_result: string | null;
  }>`
    with rounds as (
      select c.id, c.name, c.starts_at from campaigns c
      where c.status <> 'draft' and (
        exists (select 1 from slot_assignments a where a.campaign_id = c.id and a.household_id = ${resident.household_id})
        or exists (select 1 from samples s where s.campaign_id = c.id and s.resident_id = ${resident.id}))
      order by c.starts_at desc limit ${ROUNDS}
    )
    select r.id as campaign_id, r.name, r.starts_at, first.sampled_at, first.single, first.result,
      rc.status as recall_status, rc.result as recall_result
    from rounds r
    left join lateral (
      select s.sampled_at, t.single, tr.result from samples s
      left join tubes t on t.id = s.tube_id
      left join tube_results tr on tr.tube_id = s.tube_id
      where s.campaign_id = r.id and s.resident_id = ${resident.id} and s.undone_at is null
      order by s.sampled_at limit 1
    ) first on true
    left join lateral (
      select status, result from recalls
      where campaign_id = r.id and resident_id = ${resident.id}
      order by created_at desc limit 1
    ) rc on true
    order by r.starts_at desc`.execute(db);

  return {
    name: maskName(resident.name),
    rounds: rows.map((r) => ({
      campaignId: r.campaign_id,
      name: r.name,
      startsAt: new Date(r.starts_at).toISOString(),
      state: stateOf(r),
      sampledAt: r.sampled_at ? new Date(r.sampled_at).toISOString() : null,
    })),
  };
}

function stateOf(r: {
  sampled_at: Date | null;
  single: boolean | null;
  result: string | null;
  recall_status: string | null;
  recall_result: string | null;
}): RoundState {
  if (r.recall_status) {
    if (r.recall_status === "open") return "recalled";
    if (r.recall_status === "resampled") return "recall_awaiting";
    return r.recall_result === "positive" ? "positive" : "recall_negative";
  }
  if (!r.sampled_at) return "not_sampled";
  if (r.result === "negative") return "negative";
  // A single tube is the person's own result; a pooled positive without a recall yet is "recalled".
  if (r.result === "positive") return r.single ? "positive" : "recalled";
  if (r.result === "invalid") return "recalled";
  return "awaiting";
}
