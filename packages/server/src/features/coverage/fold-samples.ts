import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

// The rollups move in the transaction that writes the samples, so the dashboard never counts the
// samples table and never shows a scan the database does not hold. One statement per call: a group
// commit of 250 scans adds one round trip, whatever regions and hours it touches.

/**
 * Adds new live samples to the rollups: a resident counts once per round (a second sample by
 * override adds load at the point but covers nobody new), and an exempted resident who turns up
 * moves from exempted to sampled.
 */
export async function foldNewSamples(trx: Transaction<Database>, sampleIds: string[]): Promise<void> {
  if (sampleIds.length === 0) return;
  const ids = sql`${sampleIds}::uuid[]`;
  await sql`
    with batch as (
      select s.id, s.campaign_id, s.resident_id, s.site_id, s.sampled_at
      from samples s where s.id = any(${ids}) and s.undone_at is null
    ),
    firsts as (
      select b.* from batch b
      where b.resident_id is not null and not exists (
        select 1 from samples o
        where o.campaign_id = b.campaign_id and o.resident_id = b.resident_id and o.undone_at is null
          and o.id <> b.id and (o.id < b.id or o.id <> all(${ids})))
    ),
    ${foldTail(sql`1`)}`.execute(trx);
}

/**
 * Takes undone samples (undone_at already set) out of the rollups: the resident stops counting
 * only when no other live sample of theirs is left in the round.
 */
export async function foldUndoneSamples(trx: Transaction<Database>, sampleIds: string[]): Promise<void> {
  if (sampleIds.length === 0) return;
  const ids = sql`${sampleIds}::uuid[]`;
  await sql`
    with batch as (
      select s.id, s.campaign_id, s.resident_id, s.site_id, s.sampled_at
      from samples s where s.id = any(${ids}) and s.undone_at is not null
    ),
    firsts as (
      select b.* from batch b
      where b.resident_id is not null and not exists (
        select 1 from samples o
        where o.campaign_id = b.campaign_id and o.resident_id = b.resident_id and o.undone_at is null)
    ),
    ${foldTail(sql`-1`)}`.execute(trx);
}

/** The common end of both folds: `batch` and `firsts` in, three upserts out. */
function foldTail(sign: ReturnType<typeof sql>) {
  return sql`
    places as (
      select f.campaign_id, a.region_id, date_trunc('hour', f.sampled_at) as hour,
        (e.resident_id is not null)::int as exempt, a.depth, d.depths
      from firsts f
      join residents r on r.id = f.resident_id
      join regions g on g.id = r.building_id
      cross join lateral unnest(string_to_array(trim(both '/' from g.path), '/')::uuid[])
        with ordinality as a(region_id, depth)
      cross join lateral (select array_length(string_to_array(trim(both '/' from g.path), '/'), 1)) as d(depths)
      left join exemptions e on e.campaign_id = f.campaign_id and e.resident_id = f.resident_id
    ),
    counts as (
      insert into coverage_counts as c (campaign_id, region_id, parent_id, level, sampled, exempted)
      select p.campaign_id, p.region_id, rg.parent_id, rg.level, ${sign} * p.n, (${sign}) * (0 - p.exempt)
      from (select campaign_id, region_id, count(*) as n, sum(exempt) as exempt from places group by 1, 2) p
      join regions rg on rg.id = p.region_id
      order by p.campaign_id, p.region_id
      on conflict (campaign_id, region_id) do update
        set sampled = c.sampled + excluded.sampled, exempted = c.exempted + excluded.exempted
      returning 1
    ),
    hours as (
      insert into coverage_hours as h (campaign_id, region_id, hour, sampled)
      select campaign_id, region_id, hour, ${sign} * count(*) from places where depth < depths
      group by campaign_id, region_id, hour
      order by campaign_id, region_id, hour
      on conflict (campaign_id, region_id, hour) do update set sampled = h.sampled + excluded.sampled
      returning 1
    )
    insert into site_load as l (campaign_id, site_id, bucket, samples)
    select campaign_id, site_id, date_bin('5 minutes', sampled_at, timestamptz '2000-01-01 00:00:00+00'), ${sign} * count(*)
    from batch where site_id is not null
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (campaign_id, site_id, bucket) do update set samples = l.samples + excluded.samples`;
}
