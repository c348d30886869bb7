import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Notices: what each household was last told per round (and at which assignment revision), the SMS
// outbox the worker drains (one row per message, unique per household revision and phone, so a
// re-run or a restart never sends twice), the runs that filled it, and the key that signs the
// resident QR tokens.
// notice_states and sms_outbox carry no foreign keys on purpose: a run writes them set-based from
// rows it has just read in the same transaction, and per-row FK checks would double the time it
// takes to queue a 20,000-household subdistrict.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notice_states")
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("household_id", "uuid", (c) => c.notNull())
    // The slot_assignments.revision this state is about; an older one means "pending" again.
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('queued', 'sent', 'notified', 'unreachable')`),
    )
    .addColumn("note", "text")
    .addColumn("updated_by", "uuid")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notice_states_pk", ["campaign_id", "household_id"])
    .execute();

  await db.schema
    .createTable("notice_runs")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("region_id", "uuid", (c) => c.references("regions.id"))
    .addColumn("households", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("no_phone", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("notice_runs_campaign_idx")
    .on("notice_runs")
    .columns(["campaign_id", "created_at"])
    .execute();

  await db.schema
    .createTable("sms_outbox")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("household_id", "uuid", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("queued").check(sql`status in ('queued', 'sending', 'sent', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("lease_until", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("provider_id", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("run_id", "uuid", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("sms_outbox_once", ["campaign_id", "household_id", "revision", "phone"])
    .execute();
  // The worker's two ways in: due queued messages, and sends whose lease ran out (a crashed worker).
  await sql`create index sms_outbox_due_idx on sms_outbox (next_attempt_at) where status = 'queued'`.execute(
    db,
  );
  await sql`create index sms_outbox_lease_idx on sms_outbox (lease_until) where status = 'sending'`.execute(
    db,
  );
  await db.schema.createIndex("sms_outbox_run_idx").on("sms_outbox").columns(["run_id", "status"]).execute();

  await db.schema
    .createTable("token_keys")
    .addColumn("key_id", "text", (c) => c.primaryKey())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("secret_key", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("retired_at", "timestamptz")
    .execute();
  // At most one current key: instances starting together race to insert, and all keep the winner's.
  await sql`create unique index token_keys_one_current on token_keys ((true)) where retired_at is null`.execute(
    db,
  );
}
