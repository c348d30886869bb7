import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { UUID_V7 } from "./queries";

export type TubeResultValue = "negative" | "positive" | "invalid";

/** A tube result just written (tube_results row, tube → resulted) in the caller's transaction. */
export interface AppliedTubeResult {
  tubeId: string;
  campaignId: string;
  result: TubeResultValue;
  testedAt: Date | string;
}

/**
 * What a tube result means for people, applied in the lab's transaction so a result is never
 * stored without its recall. A positive or invalid POOLED tube recalls everyone in it: one task
 * per household (the community's unit of work) and one recall per person with a live sample. A
 * single tube that holds a recalled person's re-sample closes that recall with its result, and the
 * task once all its people are closed; an invalid re-sample reopens the recall for another try.
 *
 * Set-based (one statement per step, whatever the batch size), so a lab's 20,000-line file costs
 * three statements; idempotent (unique keys and status guards), so re-applying a batch, or a
 * result settled from a conflict, changes nothing twice.
 */
export async function applyTubeResults(
  trx: Kysely<Database>,
  results: readonly AppliedTubeResult[],
): Promise<void> {
  if (results.length === 0) return;
  const tubeIds = results.map((r) => r.tubeId);
  const values = results.map((r) => r.result);
  const flagged = results.filter((r) => r.result !== "negative").map((r) => r.tubeId);

  if (flagged.length > 0) {
    // One task per household of each flagged pooled tube. A tube listed twice in one batch with
    // both results keeps "positive", the one that matters more.
    await sql`
      insert into recall_tasks (id, campaign_id, household_id, tube_id, reason)
      select ${UUID_V7}, x.campaign_id, x.household_id, x.tube_id, x.reason
        from (select distinct on (t.id, s.household_id)
                     t.campaign_id, s.household_id, t.id as tube_id, v.result as reason
                from unnest(${tubeIds}::uuid[], ${values}::text[]) as v(tube_id, result)
                join tubes t on t.id = v.tube_id and not t.single and t.pool_size > 1
                join samples s on s.tube_id = t.id and s.undone_at is null
               where v.result in ('positive', 'invalid') and s.household_id is not null
               order by t.id, s.household_id, v.result = 'positive' desc) x
       order by x.tube_id, x.household_id
      on conflict (tube_id, household_id) do update set reason = excluded.reason
        where recall_tasks.reason <> excluded.reason`.execute(trx);
    // One recall per registered person of those tubes (walk-ins have no household: see walk-ins).
    await sql`
      insert into recalls (id, task_id, campaign_id, resident_id, sample_id)
      select ${UUID_V7}, rt.id, rt.campaign_id, s.resident_id, s.id
        from recall_tasks rt
        join samples s on s.tube_id = rt.tube_id and s.household_id = rt.household_id
       where rt.tube_id = any(${flagged}::uuid[]) and s.undone_at is null and s.resident_id is not null
       order by rt.id, s.tube_position
      on conflict (sample_id) do nothing`.execute(trx);
  }

  // Re-samples: a tube of one whose live sample is a recall's re-sample closes (or reopens) it.
  // A result settled from a conflict may change a closed recall's result, or reopen it.
  await sql`
    with v as (
      select v.tube_id, v.result
        from unnest(${tubeIds}::uuid[], ${values}::text[]) as v(tube_id, result)
        join tubes t on t.id = v.tube_id and t.pool_size = 1
    ),
    done as (
      update recalls r
         set status = case when v.result = 'invalid' then 'open' else 'closed' end,
             result = v.result,
             resample_id = case when v.result = 'invalid' then null else r.resample_id end,
             closed_at = case when v.result = 'invalid' then null else coalesce(r.closed_at, now()) end
        from v
        join samples s on s.tube_id = v.tube_id and s.undone_at is null
       where r.resample_id = s.id
         and (r.status in ('open', 'resampled') or r.result is distinct from v.result)
      returning r.id, r.task_id, r.status
    )
    update recall_tasks t
       set status = case when x.all_closed then 'closed'
                         when t.controlled_at is not null then 'controlled' else 'open' end,
           closed_at = case when x.all_closed then coalesce(t.closed_at, now()) end
      from (select d.task_id,
                   bool_and(d.status = 'closed') and not exists (
                     select 1 from recalls o
                      where o.task_id = d.task_id and o.status <> 'closed'
                        and o.id not in (select id from done)) as all_closed
              from done d group by d.task_id) x
     where t.id = x.task_id`.execute(trx);
}
