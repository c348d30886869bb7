import { parseArgs } from "node:util";
import { withDatabase } from "../with-database";

export const usage = "migrate";

/** `shequ migrate`: brings the database schema up to date and says what ran. */
export async function run(args: string[]): Promise<void> {
  parseArgs({ args, strict: true, allowPositionals: false, options: {} });
  await withDatabase(async (handle, { config, migrated }) => {
    const where = handle.kind === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
    if (migrated.length === 0) console.log(`Database (${where}) is up to date.`);
    else console.log(`Applied to ${where}:\n${migrated.map((m) => `  ${m}`).join("\n")}`);
  });
}
