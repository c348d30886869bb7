import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Settling a lab result conflict is a person's decision that must be readable later: which result
// was kept, why, and what the tube had before. The reason is free text by lab staff, so it lives
// here rather than in the audit log (which holds ids and field names only). A conflict is
// recorded once per tube, result and test time, so a lab posting the same file twice adds none.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("result_conflicts")
    .addColumn("settled_keep", "text", (c) => c.check(sql`settled_keep in ('existing', 'new')`))
    .execute();
  await db.schema.alterTable("result_conflicts").addColumn("settle_reason", "text").execute();
  // The tube's result when the conflict was settled: the one replaced when "new" was kept.
  await db.schema
    .alterTable("result_conflicts")
    .addColumn("previous_result", "text", (c) =>
      c.check(sql`previous_result in ('negative', 'positive', 'invalid')`),
    )
    .execute();
  await db.schema
    .alterTable("result_conflicts")
    .addCheckConstraint(
      "result_conflicts_settled_whole",
      sql`(settled_at is null) = (settled_keep is null) and (settled_at is null) = (settle_reason is null)`,
    )
    .execute();
  await db.schema
    .createIndex("result_conflicts_once")
    .on("result_conflicts")
    .columns(["tube_id", "result", "tested_at"])
    .unique()
    .execute();
  await sql`create index result_conflicts_open_idx on result_conflicts (created_at) where settled_at is null`.execute(
    db,
  );
}
