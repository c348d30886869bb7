import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The station's hot path writes a sample per scan and a tube per ten. Their foreign keys cost
// PostgreSQL a quarter of its CPU per scan in bench:checkin (177–195 ms per 1,000 scans without
// them, 230–239 with, back to back): each is a query per row that also locks the parent row
// (FOR KEY SHARE), and the round, the point and the registrar are the same parent row for every
// concurrent commit. The station takes every one of these ids from rows it reads or locks in the
// same transaction, and no code deletes a round, point, user, resident, household or tube; the
// references are checked after the fact by `countBrokenReferences` (shequ reconcile, the bench).

const DROPPED: [table: string, constraint: string][] = [
  ["samples", "samples_campaign_id_fkey"],
  ["samples", "samples_site_id_fkey"],
  ["samples", "samples_registrar_id_fkey"],
  ["samples", "samples_household_id_fkey"],
  ["samples", "samples_resident_id_fkey"],
  ["samples", "samples_tube_id_fkey"],
  ["tubes", "tubes_campaign_id_fkey"],
  ["tubes", "tubes_site_id_fkey"],
  ["tubes", "tubes_opened_by_fkey"],
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, constraint] of DROPPED) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  }
}
