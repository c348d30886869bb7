import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Testing rounds (campaigns): scope, collection points (sites) with windows and served regions,
// and the stored schedule: slots with a checked booked counter, assignments and home-sampling runs.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("campaigns")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft', 'scheduled', 'running', 'closed')`),
    )
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("deadline_at", "timestamptz", (c) => c.notNull())
    .addColumn("pool_size", "integer", (c) => c.notNull().check(sql`pool_size in (5, 10, 20)`))
    .addColumn("slot_minutes", "integer", (c) => c.notNull().defaultTo(60).check(sql`slot_minutes > 0`))
    .addColumn("headroom", "real", (c) =>
      c.notNull().defaultTo(0.1).check(sql`headroom >= 0 and headroom < 1`),
    )
    .addColumn("home_run_size", "integer", (c) => c.notNull().defaultTo(12).check(sql`home_run_size > 0`))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("scheduled_at", "timestamptz")
    .addCheckConstraint("campaigns_deadline_after_start", sql`deadline_at > starts_at`)
    .execute();

  await db.schema
    .createTable("campaign_regions")
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("region_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addPrimaryKeyConstraint("campaign_regions_pk", ["campaign_id", "region_id"])
    .execute();

  await db.schema
    .createTable("sites")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("lanes", "integer", (c) => c.notNull().check(sql`lanes > 0`))
    // National guide: one desk serves 600–800 people a day, about 75 an hour.
    .addColumn("per_lane_per_hour", "integer", (c) =>
      c.notNull().defaultTo(75).check(sql`per_lane_per_hour > 0`),
    )
    .addColumn("zones", sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{triage,temperature,registration,queue,sampling}'::text[]`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("sites_campaign_idx").on("sites").column("campaign_id").execute();

  await db.schema
    .createTable("site_windows")
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("site_windows_ends_after_start", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("site_windows_site_idx").on("site_windows").column("site_id").execute();

  await db.schema
    .createTable("site_regions")
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("region_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addPrimaryKeyConstraint("site_regions_pk", ["site_id", "region_id"])
    .execute();

  await db.schema
    .createTable("slots")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity >= 0`))
    .addColumn("booked", "integer", (c) => c.notNull().defaultTo(0).check(sql`booked >= 0`))
    // The last guard against overbooking: whatever the application does, no write can pass it.
    .addCheckConstraint("slots_booked_within_capacity", sql`booked <= capacity`)
    .execute();
  await db.schema
    .createIndex("slots_campaign_site_idx")
    .on("slots")
    .columns(["campaign_id", "site_id", "starts_at"])
    .execute();

  await db.schema
    .createTable("slot_assignments")
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("household_id", "uuid", (c) => c.notNull().references("households.id"))
    .addColumn("slot_id", "uuid", (c) => c.notNull().references("slots.id"))
    .addColumn("people", "integer", (c) => c.notNull().check(sql`people > 0`))
    .addPrimaryKeyConstraint("slot_assignments_pk", ["campaign_id", "household_id"])
    .execute();
  await db.schema.createIndex("slot_assignments_slot_idx").on("slot_assignments").column("slot_id").execute();

  await db.schema
    .createTable("home_runs")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("building_id", "uuid", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("home_runs_campaign_idx")
    .on("home_runs")
    .columns(["campaign_id", "seq"])
    .execute();

  await db.schema
    .createTable("home_run_stops")
    .addColumn("run_id", "uuid", (c) => c.notNull().references("home_runs.id"))
    .addColumn("household_id", "uuid", (c) => c.notNull().references("households.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("home_run_stops_pk", ["run_id", "household_id"])
    .execute();
  await db.schema
    .createIndex("home_run_stops_household_idx")
    .on("home_run_stops")
    .column("household_id")
    .execute();
}
