import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The collection-point station: pooled tubes with a checked people counter (two stations can never
// put an 11th person into a 10-tube, whatever the application does), every scan a station sent
// (keyed by the station's own scan id, so a retried sync never applies twice), walk-ins not in the
// registry, and samples that now name their tube, scan, registrar and any override.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tubes")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    // Labs report results by barcode, so one barcode names one tube for ever.
    .addColumn("barcode", "text", (c) => c.notNull().unique())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("station_id", "uuid", (c) => c.notNull())
    .addColumn("pool_size", "integer", (c) => c.notNull().check(sql`pool_size in (1, 5, 10, 20)`))
    .addColumn("single", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("people", "integer", (c) => c.notNull().defaultTo(0).check(sql`people >= 0`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`status in ('open', 'sealed', 'boxed', 'received', 'resulted')`),
    )
    .addColumn("opened_by", "uuid", (c) => c.references("users.id"))
    .addColumn("opened_at", "timestamptz", (c) => c.notNull())
    .addColumn("sealed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // The last guard against overfilling, like slots.booked <= capacity.
    .addCheckConstraint("tubes_people_within_pool", sql`people <= pool_size`)
    .execute();
  await db.schema
    .createIndex("tubes_campaign_site_idx")
    .on("tubes")
    .columns(["campaign_id", "site_id", "opened_at"])
    .execute();

  await db.schema
    .createTable("station_scans")
    // The client's own UUIDv7: a retried sync inserts nothing and answers the stored outcome.
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("station_id", "uuid", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("site_id", "uuid", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // What was scanned, with ID numbers masked and walk-in details moved to walk_ins.
    .addColumn("payload", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'applied', 'rejected')`))
    .addColumn("code", "text")
    .addColumn("message", "text")
    .addColumn("tube_id", "uuid")
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("station_scans_station_seq_idx")
    .on("station_scans")
    .columns(["station_id", "seq"])
    .execute();

  await db.schema
    .createTable("walk_ins")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("scan_id", "uuid", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("id_type", "text", (c) => c.notNull())
    .addColumn("id_number", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    // Flagged for the registry owners (visitors, people of other communities); resolved by them.
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("flagged").check(sql`status in ('flagged', 'resolved')`),
    )
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("walk_ins_campaign_idx")
    .on("walk_ins")
    .columns(["campaign_id", "status"])
    .execute();
  await db.schema
    .createIndex("walk_ins_id_number_idx")
    .on("walk_ins")
    .columns(["campaign_id", "id_number"])
    .execute();

  await db.schema
    .alterTable("samples")
    .addColumn("tube_id", "uuid", (c) => c.references("tubes.id"))
    .execute();
  await db.schema.alterTable("samples").addColumn("tube_position", "integer").execute();
  await db.schema.alterTable("samples").addColumn("scan_id", "uuid").execute();
  await db.schema
    .alterTable("samples")
    .addColumn("registrar_id", "uuid", (c) => c.references("users.id"))
    .execute();
  await db.schema.alterTable("samples").addColumn("override_reason", "text").execute();
  await db.schema
    .alterTable("samples")
    .addColumn("fever", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable("samples").addColumn("undone_at", "timestamptz").execute();
  await db.schema
    .alterTable("samples")
    .addColumn("walk_in_id", "uuid", (c) => c.references("walk_ins.id"))
    .execute();
  // A walk-in has no resident and no household in the registry.
  await db.schema
    .alterTable("samples")
    .alterColumn("resident_id", (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable("samples")
    .alterColumn("household_id", (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable("samples")
    .addCheckConstraint(
      "samples_names_someone",
      sql`(resident_id is not null and household_id is not null) or walk_in_id is not null`,
    )
    .execute();
  // One live binding per place in a tube: "undo the last" is the highest live position.
  await sql`create unique index samples_tube_position_key on samples (tube_id, tube_position)
    where undone_at is null and tube_id is not null`.execute(db);
  await sql`create unique index samples_scan_key on samples (scan_id) where scan_id is not null`.execute(db);
}
