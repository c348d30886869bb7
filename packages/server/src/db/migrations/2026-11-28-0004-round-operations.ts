import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Running a round: points can close, assignments carry a revision (bumped whenever a household's
// slot moves, so notices know who must be told again), and the samples taken so far (the station
// fills this; re-scheduling reads it to move only people not yet sampled).

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sites").addColumn("closed_at", "timestamptz").execute();
  await db.schema
    .alterTable("slot_assignments")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1).check(sql`revision > 0`))
    .execute();
  await db.schema.alterTable("slot_assignments").addColumn("moved_at", "timestamptz").execute();
  // One check instead of two on every stored assignment (a district round stores ~500,000), and a
  // stronger one: the slot must belong to the assignment's own round.
  await db.schema
    .createIndex("slots_campaign_id_key")
    .on("slots")
    .columns(["campaign_id", "id"])
    .unique()
    .execute();
  await db.schema
    .alterTable("slot_assignments")
    .dropConstraint("slot_assignments_campaign_id_fkey")
    .execute();
  await db.schema.alterTable("slot_assignments").dropConstraint("slot_assignments_slot_id_fkey").execute();
  await db.schema
    .alterTable("slot_assignments")
    .addForeignKeyConstraint("slot_assignments_slot_fkey", ["campaign_id", "slot_id"], "slots", [
      "campaign_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("samples")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("resident_id", "uuid", (c) => c.notNull().references("residents.id"))
    .addColumn("household_id", "uuid", (c) => c.notNull().references("households.id"))
    .addColumn("site_id", "uuid", (c) => c.references("sites.id"))
    .addColumn("sampled_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("samples_campaign_household_idx")
    .on("samples")
    .columns(["campaign_id", "household_id"])
    .execute();
  await db.schema
    .createIndex("samples_campaign_resident_idx")
    .on("samples")
    .columns(["campaign_id", "resident_id"])
    .execute();
}
