import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The rollups move a second behind the scans instead of inside every scan's commit: a scan queues
// its samples here, and one folder at a time (holding coverage_fold_lock's row) folds what is
// queued and deletes it. Rollups then reflect every sample except the queued ones, exactly.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  // kind 'new': the sample was written and is not in the rollups yet; 'undone': it was undone and
  // is still counted live in them. A sample has at most one of each.
  await db.schema
    .createTable("coverage_queue")
    .addColumn("sample_id", "uuid", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('new', 'undone')`))
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("queued_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("coverage_queue_pkey", ["sample_id", "kind"])
    .execute();
  // The dashboard's "how far behind": the oldest queued sample of a round.
  await db.schema
    .createIndex("coverage_queue_campaign_idx")
    .on("coverage_queue")
    .columns(["campaign_id", "queued_at"])
    .execute();
  // One row, locked by whoever folds (the folder, an exemption, a recount): they take turns.
  await db.schema
    .createTable("coverage_fold_lock")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .execute();
  await sql`insert into coverage_fold_lock (id) values (1)`.execute(db);
}
