import { type RawBuilder, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

// The rollups move in the transaction that writes the samples, so the dashboard never counts the
// samples table and never shows a scan the database does not hold. One statement per call: a group
// commit of 250 scans adds one round trip, whatever regions and hours it touches.
//
// Each touched resident is compared before and after the change: covered or not (a resident counts
// once per round, however many live samples they have), and the hour of their earliest live sample
// (a late-synced offline scan can be earlier than the one that first covered them).

/** Adds new live samples (just inserted) to the rollups. */
export async function foldNewSamples(trx: Transaction<Database>, sampleIds: string[]): Promise<void> {
  if (sampleIds.length === 0) return;
  const ids = sql`${sampleIds}::uuid[]`;
  await fold(trx, {
    ids,
    batch: sql`s.undone_at is null`,
    before: sql`o.undone_at is null and o.id <> all(${ids})`,
    sign: sql`1`,
  });
}

/** Takes undone samples (undone_at already set) out of the rollups. */
export async function foldUndoneSamples(trx: Transaction<Database>, sampleIds: string[]): Promise<void> {
  if (sampleIds.length === 0) return;
  const ids = sql`${sampleIds}::uuid[]`;
  await fold(trx, {
    ids,
    batch: sql`s.undone_at is not null`,
    before: sql`o.undone_at is null or o.id = any(${ids})`,
    sign: sql`-1`,
  });
}

/**
 * `before` picks a resident's live samples as they were before the change; after it, the live ones
 * are simply those with undone_at null. `sign` moves the points' load by the batch's samples.
 */
async function fold(
  trx: Transaction<Database>,
  o: {
    ids: RawBuilder<unknown>;
    batch: RawBuilder<unknown>;
    before: RawBuilder<unknown>;
    sign: RawBuilder<unknown>;
  },
): Promise<void> {
  await sql`
    with batch as (
      select s.campaign_id, s.resident_id, s.site_id, s.sampled_at
      from samples s where s.id = any(${o.ids}) and ${o.batch}
    ),
    state as (
      select a.campaign_id, a.resident_id,
        min(o.sampled_at) filter (where o.undone_at is null) as after_at,
        min(o.sampled_at) filter (where ${o.before}) as before_at
      from (select distinct campaign_id, resident_id from batch where resident_id is not null) a
      join samples o on o.campaign_id = a.campaign_id and o.resident_id = a.resident_id
      group by a.campaign_id, a.resident_id
    ),
    changes as (
      select st.campaign_id, r.building_id,
        (st.after_at is not null)::int - (st.before_at is not null)::int as d,
        date_trunc('hour', st.before_at) as before_hour, date_trunc('hour', st.after_at) as after_hour,
        (e.resident_id is not null)::int as exempt
      from state st
      join residents r on r.id = st.resident_id
      left join exemptions e on e.campaign_id = st.campaign_id and e.resident_id = st.resident_id
      where st.before_at is distinct from st.after_at
    ),
    places as (
      select c.*, a.region_id, a.depth < d.depths as above_building
      from changes c
      join regions g on g.id = c.building_id
      cross join lateral unnest(string_to_array(trim(both '/' from g.path), '/')::uuid[])
        with ordinality as a(region_id, depth)
      cross join lateral (select array_length(string_to_array(trim(both '/' from g.path), '/'), 1)) as d(depths)
    ),
    counts as (
      insert into coverage_counts as c (campaign_id, region_id, parent_id, level, sampled, exempted)
      select p.campaign_id, p.region_id, rg.parent_id, rg.level, p.n, 0 - p.exempt
      from (select campaign_id, region_id, sum(d) as n, sum(d * exempt) as exempt
            from places where d <> 0 group by 1, 2) p
      join regions rg on rg.id = p.region_id
      order by p.campaign_id, p.region_id
      on conflict (campaign_id, region_id) do update
        set sampled = c.sampled + excluded.sampled, exempted = c.exempted + excluded.exempted
      returning 1
    ),
    hours as (
      insert into coverage_hours as h (campaign_id, region_id, hour, sampled)
      select campaign_id, region_id, hour, sum(n) from (
        select campaign_id, region_id, before_hour as hour, -1 as n from places
        where above_building and before_hour is not null and before_hour is distinct from after_hour
        union all
        select campaign_id, region_id, after_hour, 1 from places
        where above_building and after_hour is not null and after_hour is distinct from before_hour
      ) m
      group by campaign_id, region_id, hour
      having sum(n) <> 0
      order by campaign_id, region_id, hour
      on conflict (campaign_id, region_id, hour) do update set sampled = h.sampled + excluded.sampled
      returning 1
    ),
    load as (
      insert into site_load as l (campaign_id, site_id, bucket, samples)
      select campaign_id, site_id, date_bin('5 minutes', sampled_at, timestamptz '2000-01-01 00:00:00+00'), ${o.sign} * count(*)
      from batch where site_id is not null
      group by 1, 2, 3 order by 1, 2, 3
      on conflict (campaign_id, site_id, bucket) do update set samples = l.samples + excluded.samples
      returning 1
    )
    insert into site_hours as sh (campaign_id, hour, site_id, samples)
    select campaign_id, date_trunc('hour', sampled_at), site_id, ${o.sign} * count(*)
    from batch where site_id is not null
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (campaign_id, hour, site_id) do update set samples = sh.samples + excluded.samples`.execute(
    trx,
  );
}
