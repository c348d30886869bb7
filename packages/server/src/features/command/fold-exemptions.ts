import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { foldedLive, lockCoverageFold } from "./fold-samples";

/**
 * Counts exemptions in (sign 1, after inserting them) or out (sign -1, before deleting them) of the
 * rollups. An exemption of a resident who already has a live sample counts nowhere: they are sampled.
 * "Live" as the rollups stand (foldedLive), under the fold's turn: a sample still queued is folded
 * later against the exemption as it will be then.
 */
export async function foldExemptions(
  trx: Transaction<Database>,
  o: { campaignId: string; residentIds: string[]; sign: 1 | -1 },
): Promise<void> {
  if (o.residentIds.length === 0) return;
  await lockCoverageFold(trx);
  await sql`
    with places as (
      select a.region_id
      from residents r
      join regions g on g.id = r.building_id
      cross join lateral unnest(string_to_array(trim(both '/' from g.path), '/')::uuid[]) as a(region_id)
      where r.id = any(${o.residentIds}::uuid[])
        and not exists (select 1 from samples s
          where s.campaign_id = ${o.campaignId} and s.resident_id = r.id and ${foldedLive("s")})
    )
    insert into coverage_counts as c (campaign_id, region_id, parent_id, level, exempted)
    select ${o.campaignId}, p.region_id, rg.parent_id, rg.level, ${o.sign} * count(*)
    from places p join regions rg on rg.id = p.region_id
    group by p.region_id, rg.parent_id, rg.level
    order by p.region_id
    on conflict (campaign_id, region_id) do update set exempted = c.exempted + excluded.exempted`.execute(
    trx,
  );
}
