import { type Config, loadConfig } from "../config";
import { type DbHandle, openDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";

/**
 * Opens the same database the server would (DATABASE_URL or PGlite in DATA_DIR), brings the
 * schema up to date, runs fn and closes the database whatever happens. Commands that touch data
 * use it so they work on a fresh install before the first `shequ serve`.
 */
export async function withDatabase<T>(
  fn: (handle: DbHandle, ctx: { config: Config; migrated: string[] }) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const migrated = await migrateToLatest(handle.db);
    return await fn(handle, { config, migrated });
  } finally {
    await handle.close();
  }
}
