import { type Kysely, sql, type Transaction } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { foldedLive, lockCoverageFold } from "./fold-samples";

// Recounting from raw samples: the repair (and the proof) of the rollups that scans keep. It runs
// per building first (tens of thousands of rows), then spreads each building over its ancestors.

/** The round's regions from district down to building, and their ancestors. */
const roundRegions = (campaignId: string) => sql`
  select distinct g.id, g.parent_id, g.level, g.path
  from campaign_regions cr
  join regions top on top.id = cr.region_id
  join regions g on g.path like top.path || '%' or top.path like g.path || '%'
  where cr.campaign_id = ${campaignId} and g.level <> 'unit'`;

/** Spreads per-building figures (building_id, n) over every region above and including it. */
const spread = (perBuilding: ReturnType<typeof sql>) => sql`
  select a.region_id, sum(b.n)::int as n
  from (${perBuilding}) b
  join regions g on g.id = b.building_id
  cross join lateral unnest(string_to_array(trim(both '/' from g.path), '/')::uuid[]) as a(region_id)
  group by a.region_id`;

const expectedPerBuilding = (campaignId: string) => sql`
  select u.building_id, sum(u.residents) as n from unit_counts u
  where u.building_id in (select id from (${roundRegions(campaignId)}) rr where rr.level = 'building')
  group by u.building_id`;

/** Creates the round's rollup rows (all zero) where missing: later folds only update them. */
async function ensureRows(trx: Transaction<Database>, campaignId: string): Promise<void> {
  await sql`
    insert into coverage_counts (campaign_id, region_id, parent_id, level)
    select ${campaignId}, id, parent_id, level from (${roundRegions(campaignId)}) rr
    order by id
    on conflict (campaign_id, region_id) do nothing`.execute(trx);
}

/**
 * Sets `expected` from the registry's live counts (active residents per unit, kept by triggers).
 * Grid and building rows are written only when their count changed (a round has tens of thousands
 * and scans lock them too); the rows above always take the time, which the dashboard shows.
 */
export async function refreshExpected(db: Kysely<Database>, campaignId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await ensureRows(trx, campaignId);
    await sql`
      with x as (${spread(expectedPerBuilding(campaignId))})
      update coverage_counts c set expected = coalesce(x.n, 0), expected_at = now()
      from (select region_id from coverage_counts where campaign_id = ${campaignId}) k
      left join x on x.region_id = k.region_id
      where c.campaign_id = ${campaignId} and c.region_id = k.region_id
        and (c.expected is distinct from coalesce(x.n, 0) or c.level not in ('grid', 'building'))`.execute(
      trx,
    );
  });
}

/**
 * Makes sure a round has all its rollup rows and expected counts (its first look at the
 * dashboard). Scans may have come first: their folds create only the rows they touch, without
 * `expected`, so the test is for a row that a recount has set.
 */
export async function ensureCoverage(db: Kysely<Database>, campaignId: string): Promise<void> {
  const row = await db
    .selectFrom("coverage_counts")
    .select("region_id")
    .where("campaign_id", "=", campaignId)
    .where("expected_at", "is not", null)
    .limit(1)
    .executeTakeFirst();
  if (!row) await reconcileCoverage(db, campaignId);
}

export interface ReconcileResult {
  /** Rollup rows whose sampled or exempted count was wrong and is now right. */
  corrected: number;
  regions: number;
}

/**
 * Recounts a round's rollups from samples and exemptions, under the fold's turn (so no fold runs
 * meanwhile). It counts the samples as folded (foldedLive): what is still queued stays queued and
 * the folder adds it on top, so scans committing meanwhile are neither lost nor counted twice.
 */
export async function reconcileCoverage(db: Kysely<Database>, campaignId: string): Promise<ReconcileResult> {
  return inTransaction(db, async (trx) => {
    await lockCoverageFold(trx);
    await ensureRows(trx, campaignId);
    const live = sql`select distinct resident_id from samples s
      where campaign_id = ${campaignId} and ${foldedLive("s")} and resident_id is not null`;
    const sampledPerBuilding = sql`select r.building_id, count(*) as n from (${live}) x
      join residents r on r.id = x.resident_id group by r.building_id`;
    const exemptedPerBuilding = sql`select r.building_id, count(*) as n from exemptions e
      join residents r on r.id = e.resident_id
      where e.campaign_id = ${campaignId} and not exists (select 1 from samples s
        where s.campaign_id = e.campaign_id and s.resident_id = e.resident_id and ${foldedLive("s")})
      group by r.building_id`;
    const fixed = await sql<{ changed: boolean }>`
      with recount as (
        select c.region_id, coalesce(s.n, 0) as sampled, coalesce(e.n, 0) as exempted, coalesce(x.n, 0) as expected
        from coverage_counts c
        left join (${spread(sampledPerBuilding)}) s on s.region_id = c.region_id
        left join (${spread(exemptedPerBuilding)}) e on e.region_id = c.region_id
        left join (${spread(expectedPerBuilding(campaignId))}) x on x.region_id = c.region_id
        where c.campaign_id = ${campaignId}
      )
      update coverage_counts c
      set sampled = r.sampled, exempted = r.exempted, expected = r.expected, expected_at = now()
      from recount r
      join (select region_id, sampled, exempted from coverage_counts where campaign_id = ${campaignId}) o
        on o.region_id = r.region_id
      where c.campaign_id = ${campaignId} and c.region_id = r.region_id
      returning (o.sampled, o.exempted) is distinct from (r.sampled, r.exempted) as changed`.execute(trx);
    // The per-hour and per-point figures are rebuilt whole: they are history, not locked totals.
    await sql`delete from coverage_hours where campaign_id = ${campaignId}`.execute(trx);
    await sql`
      insert into coverage_hours (campaign_id, region_id, hour, sampled)
      select ${campaignId}, a.region_id, f.hour, count(*)
      from (select resident_id, date_trunc('hour', min(sampled_at)) as hour from samples s
            where campaign_id = ${campaignId} and ${foldedLive("s")} and resident_id is not null
            group by resident_id) f
      join residents r on r.id = f.resident_id
      join regions g on g.id = r.building_id
      cross join lateral unnest(string_to_array(trim(both '/' from g.path), '/')::uuid[])
        with ordinality as a(region_id, depth)
      where a.depth < array_length(string_to_array(trim(both '/' from g.path), '/'), 1)
      group by a.region_id, f.hour`.execute(trx);
    await sql`delete from site_load where campaign_id = ${campaignId}`.execute(trx);
    await sql`
      insert into site_load (campaign_id, site_id, bucket, samples)
      select ${campaignId}, site_id, date_bin('5 minutes', sampled_at, timestamptz '2000-01-01 00:00:00+00'), count(*)
      from samples s where campaign_id = ${campaignId} and ${foldedLive("s")} and site_id is not null
      group by 2, 3`.execute(trx);
    await sql`delete from site_hours where campaign_id = ${campaignId}`.execute(trx);
    await sql`
      insert into site_hours (campaign_id, hour, site_id, samples)
      select ${campaignId}, date_trunc('hour', sampled_at), site_id, count(*)
      from samples s where campaign_id = ${campaignId} and ${foldedLive("s")} and site_id is not null
      group by 2, 3`.execute(trx);
    const regions = await trx
      .selectFrom("coverage_counts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", campaignId)
      .executeTakeFirstOrThrow();
    return { corrected: fixed.rows.filter((r) => r.changed).length, regions: Number(regions.n) };
  });
}
