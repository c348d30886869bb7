import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The command view: coverage rollups kept with each scan (per region of the address tree, per hour,
// and per collection point in 5-minute buckets), exemptions and follow-up calls for the missing
// lists, and the hourly snapshot of a round kept for the record.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  // One row per round and region (district … building): the dashboard reads these, never samples.
  // sampled = residents with a live sample; exempted = exempted residents without one;
  // expected = active residents in the registry, refreshed from unit_counts (not per scan).
  await db.schema
    .createTable("coverage_counts")
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("region_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addColumn("parent_id", "uuid")
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("expected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sampled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("exempted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expected_at", "timestamptz")
    .addPrimaryKeyConstraint("coverage_counts_pkey", ["campaign_id", "region_id"])
    .execute();
  await db.schema
    .createIndex("coverage_counts_parent_idx")
    .on("coverage_counts")
    .columns(["campaign_id", "parent_id"])
    .execute();

  // Residents newly covered per region (grid and up) and hour: the burn-up and the recent rate.
  await db.schema
    .createTable("coverage_hours")
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("region_id", "uuid", (c) => c.notNull())
    .addColumn("hour", "timestamptz", (c) => c.notNull())
    .addColumn("sampled", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("coverage_hours_pkey", ["campaign_id", "region_id", "hour"])
    .execute();

  // Every live sample (walk-ins and repeats included) per point and 5 minutes: the points' load.
  await db.schema
    .createTable("site_load")
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("site_id", "uuid", (c) => c.notNull())
    .addColumn("bucket", "timestamptz", (c) => c.notNull())
    .addColumn("samples", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("site_load_pkey", ["campaign_id", "site_id", "bucket"])
    .execute();

  // Residents the round does not expect to sample, with why; one per person and round.
  await db.schema
    .createTable("exemptions")
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("resident_id", "uuid", (c) => c.notNull().references("residents.id"))
    .addColumn("reason", "text", (c) =>
      c.notNull().check(sql`reason in ('away', 'hospitalised', 'sampled_elsewhere', 'other')`),
    )
    .addColumn("place", "text")
    .addColumn("note", "text")
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("exemptions_pkey", ["campaign_id", "resident_id"])
    .execute();

  // What the grid worker heard when chasing a missing person; append-only, the latest shows.
  await db.schema
    .createTable("missing_contacts")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("resident_id", "uuid", (c) => c.notNull().references("residents.id"))
    .addColumn("outcome", "text", (c) =>
      c
        .notNull()
        .check(
          sql`outcome in ('reached_by_phone', 'will_come', 'away', 'hospitalised', 'sampled_elsewhere', 'unreachable')`,
        ),
    )
    .addColumn("place", "text")
    .addColumn("note", "text")
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("missing_contacts_resident_idx")
    .on("missing_contacts")
    .columns(["campaign_id", "resident_id", "created_at"])
    .execute();

  // The round's figures once an hour, kept for the record (any instance may write; the first wins).
  await db.schema
    .createTable("round_snapshots")
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("hour", "timestamptz", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("round_snapshots_pkey", ["campaign_id", "hour"])
    .execute();

  // The points board counts tubes still at the point; they are few among a round's millions.
  await sql`create index tubes_at_point_idx on tubes (campaign_id, site_id, status)
    where status in ('open', 'sealed')`.execute(db);
  // Boxes not yet picked up, likewise.
  await sql`create index boxes_waiting_idx on boxes (campaign_id, site_id, status)
    where status in ('packing', 'sealed')`.execute(db);
}
