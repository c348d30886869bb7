import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database, SampleTable } from "../../db/schema";
import { insertRows, type NamedStatement, type UnnestColumn, withStatements } from "../../db/unnest";

// The rollups move a moment behind the scans, not inside each scan's commit. A scan writes its
// samples and queues them (one statement); the folder (coverage-folder.ts) folds what is queued.
// Whoever moves the rollups — the folder, an exemption (fold-exemptions.ts), a recount — holds
// coverage_fold_lock's row meanwhile. Scans never wait for the rollups, and commits from many
// stations and server instances no longer queue up on the district's row. The rollups always
// equal a recount of the samples minus the queued changes (foldedLive), and the dashboard shows
// how many are queued and for how long.
//
// Each folded resident is compared before and after the change: covered or not (a resident counts
// once per round, however many live samples they have), and the hour of their earliest live sample
// (a late-synced offline scan can be earlier than the one that first covered them).

/** Samples per fold statement at most: a backlog (after an outage) is folded in several. */
export const FOLD_BATCH = 20_000;

const SAMPLE_COLUMNS: UnnestColumn<Insertable<SampleTable>>[] = [
  ["id", "uuid"],
  ["campaign_id", "uuid"],
  ["resident_id", "uuid"],
  ["household_id", "uuid"],
  ["walk_in_id", "uuid"],
  ["site_id", "uuid"],
  ["sampled_at", "timestamptz"],
  ["tube_id", "uuid"],
  ["tube_position", "int"],
  ["scan_id", "uuid"],
  ["registrar_id", "uuid"],
  ["override_reason", "text"],
  ["fever", "boolean"],
];

/**
 * New samples and their places in the rollups' queue, as statements for `withStatements` (the
 * station's group write puts them beside its other writes).
 */
export function sampleWrites(samples: readonly Insertable<SampleTable>[]): NamedStatement[] {
  if (samples.length === 0) return [];
  return [
    ["new_samples", sql`${insertRows("samples", samples, SAMPLE_COLUMNS)} returning id, campaign_id`],
    [
      "queued_samples",
      sql`insert into coverage_queue (sample_id, kind, campaign_id)
        select id, 'new', campaign_id from new_samples`,
    ],
  ];
}

/** Writes new samples and queues them for the rollups, in one statement. */
export async function insertSamples(
  trx: Transaction<Database>,
  samples: Insertable<SampleTable>[],
): Promise<void> {
  if (samples.length > 0) await withStatements(sampleWrites(samples)).execute(trx);
}

/** Queues samples just undone (undone_at set in this transaction) for the rollups. */
export async function queueUndoneSamples(
  trx: Transaction<Database>,
  samples: { id: string; campaign_id: string }[],
): Promise<void> {
  if (samples.length === 0) return;
  await trx
    .insertInto("coverage_queue")
    .values(samples.map((s) => ({ sample_id: s.id, kind: "undone", campaign_id: s.campaign_id })))
    .execute();
}

/**
 * Whether sample `alias` is live in the rollups as they stand: not queued as new, and not undone
 * unless that undo is still queued. Every fold and the recount count samples by this.
 */
export function foldedLive(alias: string) {
  const id = sql.ref(`${alias}.id`);
  return sql<boolean>`(${id} not in (select sample_id from coverage_queue where kind = 'new')
    and (${sql.ref(`${alias}.undone_at`)} is null
      or ${id} in (select sample_id from coverage_queue where kind = 'undone')))`;
}

/** Takes the turn to fold (waits for a fold in flight); held until the transaction ends. */
export async function lockCoverageFold(trx: Transaction<Database>): Promise<void> {
  await sql`select id from coverage_fold_lock where id = 1 for update`.execute(trx);
}

export interface FoldRound {
  /** Queued changes folded (a sample written and undone before its fold is two). */
  folded: number;
  /** Another server instance (or an exemption, a recount) held the turn: nothing was done. */
  busy: boolean;
}

/**
 * Folds up to `limit` queued changes, oldest first, into the rollups and takes them off the queue,
 * in one transaction: one statement takes the batch off the queue, one folds it. Skips at once
 * if someone else holds the turn.
 */
export async function foldQueuedSamples(db: Kysely<Database>, limit = FOLD_BATCH): Promise<FoldRound> {
  return inTransaction(db, async (trx) => {
    const turn = await sql`select id from coverage_fold_lock where id = 1 for update skip locked`.execute(
      trx,
    );
    if (turn.rows.length === 0) return { folded: 0, busy: true };
    const batch = await takeFoldBatch(trx, limit);
    if (batch.changes === 0) return { folded: 0, busy: false };
    await foldStatement(batch).execute(trx);
    return { folded: batch.changes, busy: false };
  });
}

export interface FoldBatch {
  /** Queued changes taken (a sample written and undone before its fold is two). */
  changes: number;
  ids: string[];
  written: string[];
  undone: string[];
}

/** Takes up to `limit` queued changes off the queue, oldest first (the caller holds the turn). */
export async function takeFoldBatch(trx: Transaction<Database>, limit: number): Promise<FoldBatch> {
  const taken = await sql<{ sample_id: string; kind: string }>`
    delete from coverage_queue q
    using (select sample_id, kind from coverage_queue order by queued_at limit ${limit}) b
    where q.sample_id = b.sample_id and q.kind = b.kind
    returning q.sample_id, q.kind`.execute(trx);
  return {
    changes: taken.rows.length,
    ids: [...new Set(taken.rows.map((r) => r.sample_id))],
    written: taken.rows.filter((r) => r.kind === "new").map((r) => r.sample_id),
    undone: taken.rows.filter((r) => r.kind === "undone").map((r) => r.sample_id),
  };
}

/** Folds until nothing is queued (tests, benchmarks); waits out another folder. */
export async function foldAllQueued(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const round = await foldQueuedSamples(db);
    total += round.folded;
    if (round.busy) await new Promise((r) => setTimeout(r, 20));
    else if (round.folded === 0) return total;
  }
}

/**
 * One statement, once the batch is off the queue: each sample of the residents concerned live or
 * not before (as the rollups stand: queued as new in the batch or still in the queue → not yet
 * counted; undone → still counted while that undo is queued, in the batch or not) and after
 * (what stays queued still not folded), then every rollup moved by the difference: the changes
 * summed per building first, and each building's path to the district read once. The batch
 * comes as arrays, not as a join, and every table is read by index, row by row, through a
 * LATERAL subquery (`offset 0` keeps the planner from flattening it into a join): its work grows
 * with the batch, not with the round. Left to choose, the planner misjudged the rows of a left
 * join with the queue by forty times and hashed all of residents and samples every fold: at
 * 400,000 residents and 190,000 samples a fold of 6,800 took 450–640 ms, two thirds of it those
 * scans, and more as the round grows. Exemptions too are probed per resident (joined, the whole
 * table was scanned every fold), and each path is parsed once. Of what is left, about 60 % is
 * the upserts of the rollups themselves (bench:dashboard's worst case, people in random order).
 */
export function foldStatement(b: FoldBatch) {
  const ids = sql`${b.ids}::uuid[]`;
  return sql`
    with batch as (
      select s.id, s.campaign_id, s.resident_id, s.site_id, s.sampled_at, s.undone_at
      from unnest(${ids}) as b(id)
      cross join lateral (select * from samples s where s.id = b.id offset 0) s
    ),
    touched as (
      select distinct campaign_id, resident_id from batch where resident_id is not null
    ),
    candidates as (
      select o.id, o.campaign_id, o.resident_id, o.site_id, o.sampled_at, o.undone_at
      from touched t
      cross join lateral (select * from samples o
        where o.campaign_id = t.campaign_id and o.resident_id = t.resident_id offset 0) o
      union all
      select id, campaign_id, resident_id, site_id, sampled_at, undone_at
      from batch where resident_id is null
    ),
    flags as (
      select c.*, c.id = any(${ids}) as in_batch,
        (not q.queued_new and not c.id = any(${b.written}::uuid[])
          and (c.undone_at is null or q.queued_undone or c.id = any(${b.undone}::uuid[]))) as live_before,
        (not q.queued_new and (c.undone_at is null or q.queued_undone)) as live_after
      from candidates c
      cross join lateral (select
        exists (select from coverage_queue q where q.sample_id = c.id and q.kind = 'new') as queued_new,
        exists (select from coverage_queue q where q.sample_id = c.id and q.kind = 'undone') as queued_undone
      ) q
    ),
    state as (
      select campaign_id, resident_id,
        min(sampled_at) filter (where live_after) as after_at,
        min(sampled_at) filter (where live_before) as before_at
      from flags where resident_id is not null
      group by campaign_id, resident_id
    ),
    changes as (
      select st.campaign_id, r.building_id,
        (st.after_at is not null)::int - (st.before_at is not null)::int as d,
        date_trunc('hour', st.before_at) as before_hour, date_trunc('hour', st.after_at) as after_hour,
        (e.resident_id is not null)::int as exempt
      from state st
      cross join lateral (select building_id from residents r where r.id = st.resident_id offset 0) r
      left join lateral (select e.resident_id from exemptions e
        where e.campaign_id = st.campaign_id and e.resident_id = st.resident_id offset 0) e on true
      where st.before_at is distinct from st.after_at
    ),
    by_building as (
      select campaign_id, building_id, before_hour, after_hour,
        sum(d)::int as d, sum(d * exempt)::int as exempt, count(*)::int as n
      from changes group by 1, 2, 3, 4
    ),
    paths as (
      select b.building_id, a.region_id, a.depth < d.depths as above_building
      from (select distinct building_id from by_building) b
      cross join lateral (select string_to_array(trim(both '/' from g.path), '/')::uuid[] as ids
        from regions g where g.id = b.building_id offset 0) g
      cross join lateral unnest(g.ids) with ordinality as a(region_id, depth)
      cross join lateral (select cardinality(g.ids)) as d(depths)
    ),
    places as (
      select c.*, p.region_id, p.above_building from by_building c join paths p using (building_id)
    ),
    counts as (
      insert into coverage_counts as c (campaign_id, region_id, parent_id, level, sampled, exempted)
      select p.campaign_id, p.region_id, rg.parent_id, rg.level, p.n, 0 - p.exempt
      from (select campaign_id, region_id, sum(d) as n, sum(exempt) as exempt
            from places where d <> 0 or exempt <> 0 group by 1, 2) p
      join regions rg on rg.id = p.region_id
      order by p.campaign_id, p.region_id
      on conflict (campaign_id, region_id) do update
        set sampled = c.sampled + excluded.sampled, exempted = c.exempted + excluded.exempted
      returning 1
    ),
    hours as (
      insert into coverage_hours as h (campaign_id, region_id, hour, sampled)
      select campaign_id, region_id, hour, sum(n) from (
        select campaign_id, region_id, before_hour as hour, -n as n from places
        where above_building and before_hour is not null and before_hour is distinct from after_hour
        union all
        select campaign_id, region_id, after_hour, n from places
        where above_building and after_hour is not null and after_hour is distinct from before_hour
      ) m
      group by campaign_id, region_id, hour
      having sum(n) <> 0
      order by campaign_id, region_id, hour
      on conflict (campaign_id, region_id, hour) do update set sampled = h.sampled + excluded.sampled
      returning 1
    ),
    point_moves as (
      select campaign_id, site_id, sampled_at, live_after::int - live_before::int as d
      from flags where in_batch and site_id is not null and live_after <> live_before
    ),
    load as (
      insert into site_load as l (campaign_id, site_id, bucket, samples)
      select campaign_id, site_id, date_bin('5 minutes', sampled_at, timestamptz '2000-01-01 00:00:00+00'), sum(d)
      from point_moves group by 1, 2, 3 order by 1, 2, 3
      on conflict (campaign_id, site_id, bucket) do update set samples = l.samples + excluded.samples
      returning 1
    ),
    point_hours as (
      insert into site_hours as sh (campaign_id, hour, site_id, samples)
      select campaign_id, date_trunc('hour', sampled_at), site_id, sum(d)
      from point_moves group by 1, 2, 3 order by 1, 2, 3
      on conflict (campaign_id, hour, site_id) do update set samples = sh.samples + excluded.samples
      returning 1
    )
    select 1`;
}
