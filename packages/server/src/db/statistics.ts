import { type Kysely, sql } from "kysely";
import type { Database } from "./schema";

/**
 * Refreshes the planner's statistics after a bulk write. PGlite never runs autovacuum, so
 * without this the planner keeps guessing from an empty table and picks slow plans (a flag
 * filter scanning the address index instead of the GIN index); on PostgreSQL it saves waiting
 * for autovacuum to notice.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  await sql`analyze regions, households, residents`.execute(db);
}
