import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Found with EXPLAIN on bench/residents-list.ts at 1 M residents on PGlite.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  // A community's residents in walking order: its first page reads 50 index entries instead of
  // walking the whole address index and filtering out the other communities (37 ms → 1 ms at 100 k).
  await db.schema
    .createIndex("residents_community_address_idx")
    .on("residents")
    .columns(["community_id", "address_key", "id"])
    .execute();
  // Buildings and units hold a few hundred residents: fetching them and sorting is cheap.
  await db.schema.createIndex("residents_building_idx").on("residents").column("building_id").execute();
  await db.schema.createIndex("residents_unit_idx").on("residents").column("unit_id").execute();

  // Counting a subdistrict's million residents takes 0.5–1 s on PGlite however it is indexed, so
  // the tree's counts are kept per unit by statement-level triggers (one aggregate per statement,
  // COPY included) and summed over a few thousand units at most.
  await db.schema
    .createTable("unit_counts")
    .addColumn("unit_id", "uuid", (c) => c.primaryKey().references("regions.id"))
    .addColumn("building_id", "uuid", (c) => c.notNull())
    .addColumn("grid_id", "uuid", (c) => c.notNull())
    .addColumn("community_id", "uuid", (c) => c.notNull())
    .addColumn("residents", "integer", (c) => c.notNull().defaultTo(0)) // status 'active' only
    .addColumn("households", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("unit_counts_community_idx").on("unit_counts").column("community_id").execute();
  await db.schema.createIndex("unit_counts_grid_idx").on("unit_counts").column("grid_id").execute();
  await db.schema.createIndex("unit_counts_building_idx").on("unit_counts").column("building_id").execute();

  await createCounter(db, { table: "residents", counter: "residents", counted: "status = 'active'" });
  await createCounter(db, { table: "households", counter: "households", counted: "true" });

  await sql`
    insert into unit_counts (unit_id, building_id, grid_id, community_id, residents, households)
    select h.unit_id, (array_agg(h.building_id))[1], (array_agg(h.grid_id))[1], (array_agg(h.community_id))[1],
      coalesce(sum(r.n), 0), count(*)
    from households h
    left join (select household_id, count(*) as n from residents where status = 'active' group by household_id) r
      on r.household_id = h.id
    group by h.unit_id`.execute(db);
}

/**
 * Keeps unit_counts.<counter> equal to the number of <table> rows matching <counted> per unit.
 * Changes are upserted in unit order, so concurrent writers take counter locks in one order.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function createCounter(db: Kysely<any>, o: { table: string; counter: string; counted: string }) {
  const upsert = (changes: string) => `
    insert into unit_counts as uc (unit_id, building_id, grid_id, community_id, ${o.counter})
    select unit_id, (array_agg(building_id))[1], (array_agg(grid_id))[1], (array_agg(community_id))[1], sum(d)
    from (${changes}) as changes
    group by unit_id having sum(d) <> 0 order by unit_id
    on conflict (unit_id) do update set ${o.counter} = uc.${o.counter} + excluded.${o.counter};`;
  const rows = (source: string, d: string) =>
    `select unit_id, building_id, grid_id, community_id, ${d} as d from ${source} where ${o.counted}`;
  await sql
    .raw(`
    create function ${o.table}_count_units() returns trigger language plpgsql as $body$
    begin
      if tg_op = 'INSERT' then
        ${upsert(rows("new_rows", "1"))}
      elsif tg_op = 'DELETE' then
        ${upsert(rows("old_rows", "-1"))}
      else
        ${upsert(`${rows("new_rows", "1")} union all ${rows("old_rows", "-1")}`)}
      end if;
      return null;
    end
    $body$`)
    .execute(db);
  for (const [event, tables] of [
    ["insert", "new table as new_rows"],
    ["delete", "old table as old_rows"],
    ["update", "old table as old_rows new table as new_rows"],
  ] as const) {
    await sql
      .raw(`
      create trigger ${o.table}_count_units_${event} after ${event} on ${o.table}
      referencing ${tables} for each statement execute function ${o.table}_count_units()`)
      .execute(db);
  }
}
