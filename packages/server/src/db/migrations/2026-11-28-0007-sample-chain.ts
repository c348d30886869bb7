import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The sample chain after the station: transport boxes and their chain of custody (append-only),
// lab results per tube (one result per tube; a second, different one is a conflict kept for a
// person to settle, never applied), lab API tokens, and recall of the people of a positive or
// invalid pooled tube: one task per household, one entry per person, closed by a single-tube
// re-sample's result.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("boxes")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("barcode", "text", (c) => c.notNull().unique())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("packing").check(sql`status in ('packing', 'sealed', 'handed_over', 'received')`),
    )
    // Kept with each packing so the box shows its count without counting tubes.
    .addColumn("tubes", "integer", (c) => c.notNull().defaultTo(0).check(sql`tubes >= 0`))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sealed_at", "timestamptz")
    .addColumn("handed_over_at", "timestamptz")
    .addColumn("courier", "text")
    .addColumn("received_at", "timestamptz")
    .addColumn("received_by", "uuid", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("boxes_campaign_site_idx")
    .on("boxes")
    .columns(["campaign_id", "site_id"])
    .execute();

  await db.schema
    .alterTable("tubes")
    .addColumn("box_id", "uuid", (c) => c.references("boxes.id"))
    .execute();
  await db.schema.alterTable("tubes").addColumn("boxed_at", "timestamptz").execute();
  await db.schema.alterTable("tubes").addColumn("received_at", "timestamptz").execute();
  await db.schema.createIndex("tubes_box_idx").on("tubes").column("box_id").execute();

  // Chain of custody: who did what to a box (or a tube in it) and when. Never updated or deleted.
  await db.schema
    .createTable("custody_events")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("box_id", "uuid", (c) => c.notNull().references("boxes.id"))
    .addColumn("tube_id", "uuid", (c) => c.references("tubes.id"))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('created', 'packed', 'unpacked', 'sealed', 'handed_over', 'received', 'tube_received', 'tube_missing', 'tube_extra')`,
        ),
    )
    .addColumn("user_id", "uuid", (c) => c.references("users.id"))
    // The courier's name and phone at hand-over, the lab at receipt; never a resident's data.
    .addColumn("party", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("custody_events_box_idx")
    .on("custody_events")
    .columns(["box_id", "at"])
    .execute();

  // A lab's machine posts results with a bearer token; only its hash is kept.
  await db.schema
    .createTable("lab_tokens")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    // The area whose tubes the token may report on.
    .addColumn("region_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();

  // One upload of a result file, or one API post: what came in and what became of each line.
  await db.schema
    .createTable("result_batches")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('file', 'api')`))
    .addColumn("file_name", "text")
    .addColumn("user_id", "uuid", (c) => c.references("users.id"))
    .addColumn("token_id", "uuid", (c) => c.references("lab_tokens.id"))
    .addColumn("lines", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("applied", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("repeated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unknown", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("conflicts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("invalid", "integer", (c) => c.notNull().defaultTo(0))
    // Per problem line: { line, barcode, code, message } — barcodes only, no personal data.
    .addColumn("report", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("tube_results")
    .addColumn("tube_id", "uuid", (c) => c.primaryKey().references("tubes.id"))
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("result", "text", (c) => c.notNull().check(sql`result in ('negative', 'positive', 'invalid')`))
    .addColumn("tested_at", "timestamptz", (c) => c.notNull())
    .addColumn("batch_id", "uuid", (c) => c.notNull().references("result_batches.id"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("tube_results_campaign_idx")
    .on("tube_results")
    .columns(["campaign_id", "result"])
    .execute();

  // A different result for a tube that already has one: kept for a person to settle, never applied.
  await db.schema
    .createTable("result_conflicts")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("tube_id", "uuid", (c) => c.notNull().references("tubes.id"))
    .addColumn("batch_id", "uuid", (c) => c.notNull().references("result_batches.id"))
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("tested_at", "timestamptz", (c) => c.notNull())
    .addColumn("settled_at", "timestamptz")
    .addColumn("settled_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The community's task for one household of a positive/invalid pooled tube.
  await db.schema
    .createTable("recall_tasks")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("household_id", "uuid", (c) => c.notNull().references("households.id"))
    .addColumn("tube_id", "uuid", (c) => c.notNull().references("tubes.id"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('positive', 'invalid')`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`status in ('open', 'controlled', 'resampled', 'closed')`),
    )
    .addColumn("home_sampling", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("controlled_at", "timestamptz")
    .addColumn("controlled_by", "uuid", (c) => c.references("users.id"))
    .addColumn("closed_at", "timestamptz")
    .addUniqueConstraint("recall_tasks_one_per_tube_household", ["tube_id", "household_id"])
    .execute();
  await db.schema
    .createIndex("recall_tasks_campaign_idx")
    .on("recall_tasks")
    .columns(["campaign_id", "status"])
    .execute();

  // One person to re-sample in a single tube; the re-sample's result closes it.
  await db.schema
    .createTable("recalls")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("task_id", "uuid", (c) => c.notNull().references("recall_tasks.id"))
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("resident_id", "uuid", (c) => c.notNull().references("residents.id"))
    .addColumn("sample_id", "uuid", (c) => c.notNull().references("samples.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`status in ('open', 'resampled', 'closed')`),
    )
    .addColumn("resample_id", "uuid", (c) => c.references("samples.id"))
    .addColumn("result", "text", (c) => c.check(sql`result in ('negative', 'positive', 'invalid')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("closed_at", "timestamptz")
    .addUniqueConstraint("recalls_one_per_sample", ["sample_id"])
    .execute();
  await db.schema
    .createIndex("recalls_campaign_resident_idx")
    .on("recalls")
    .columns(["campaign_id", "resident_id", "status"])
    .execute();
}
