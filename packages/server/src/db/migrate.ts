import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";
import * as m0001 from "./migrations/2026-11-28-0001-registry";
import * as m0002 from "./migrations/2026-11-28-0002-registry-counts";
import * as m0003 from "./migrations/2026-11-28-0003-campaigns";
import * as m0004 from "./migrations/2026-11-28-0004-round-operations";
import * as m0005 from "./migrations/2026-11-28-0005-notices";
import * as m0006 from "./migrations/2026-11-28-0006-station";
import * as m0007 from "./migrations/2026-11-28-0007-sample-chain";
import * as m0008 from "./migrations/2026-11-28-0008-result-settlement";
import * as m0009 from "./migrations/2026-11-28-0009-workforce";
import * as m0010 from "./migrations/2026-11-28-0010-command-view";
import * as m0011 from "./migrations/2026-11-29-0011-point-hours";
import * as m0012 from "./migrations/2026-11-29-0012-coverage-queue";
import * as m0013 from "./migrations/2026-11-29-0013-hot-path-references";

// Listed by hand, not read from the folder: the set of migrations is part of the code.
const MIGRATIONS: Record<string, Migration> = {
  "2026-11-28-0001-registry": m0001,
  "2026-11-28-0002-registry-counts": m0002,
  "2026-11-28-0003-campaigns": m0003,
  "2026-11-28-0004-round-operations": m0004,
  "2026-11-28-0005-notices": m0005,
  "2026-11-28-0006-station": m0006,
  "2026-11-28-0007-sample-chain": m0007,
  "2026-11-28-0008-result-settlement": m0008,
  "2026-11-28-0009-workforce": m0009,
  "2026-11-28-0010-command-view": m0010,
  "2026-11-29-0011-point-hours": m0011,
  "2026-11-29-0012-coverage-queue": m0012,
  "2026-11-29-0013-hot-path-references": m0013,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to date; forward-only. Throws with the failing migration's name.
 *
 * All pending migrations run in one transaction that first locks the migrator's lock row (see
 * RowLockPostgresAdapter in client.ts; no advisory lock), so servers starting together on one
 * database take turns: the second finds the work done. A failed migration rolls back whole.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any database handle
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  await ensureMigratorTables(db);
  return db.transaction().execute(async (trx) => {
    const { error, results } = await new Migrator({ db: trx, provider }).migrateToLatest();
    const failed = results?.find((r) => r.status === "Error");
    if (error) {
      throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${String(error)}`, {
        cause: error,
      });
    }
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  });
}

/**
 * The migrator's tables and lock row, made outside the migration's transaction: inside it, a
 * second server losing the race to create them would abort its transaction. Kysely's own names
 * and shapes, so its migrator finds them and skips making them.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any database handle
async function ensureMigratorTables(db: Kysely<any>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`create table if not exists kysely_migration
        (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(db);
      await sql`create table if not exists kysely_migration_lock
        (id varchar(255) not null primary key, is_locked integer default 0 not null)`.execute(db);
      await sql`insert into kysely_migration_lock (id, is_locked) values ('migration_lock', 0)
        on conflict (id) do nothing`.execute(db);
      return;
    } catch (error) {
      // Two servers creating the table at the same instant: one loses the catalog race; again.
      if (attempt >= 3) throw error;
    }
  }
}
