import { parseArgs } from "node:util";
import { ensureDemoData } from "../../features/demo/ensure-demo-data";
import { createLogger } from "../../logger";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage = "demo [--residents <n>]";

/**
 * `shequ demo`: seeds the demo subdistrict when the registry is empty (even with SHEQU_DEMO off)
 * and prints the demo accounts.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { residents: { type: "string" } },
  });
  const residents = values.residents === undefined ? undefined : Number(values.residents);
  if (residents !== undefined && (!Number.isInteger(residents) || residents < 0 || residents > 2_000_000)) {
    throw new UsageError("--residents must be a whole number from 0 to 2000000");
  }
  await withDatabase(async (handle, { config }) => {
    const logger = createLogger(config.LOG_LEVEL);
    const demo = await ensureDemoData(handle, {
      residents: residents ?? config.SHEQU_DEMO_RESIDENTS,
      logger,
    });
    if (demo.accounts.length === 0) {
      console.log("The registry already holds regions that are not the demo subdistrict: nothing seeded.");
      return;
    }
    console.log(`Demo accounts (password for all: ${demo.password}):`);
    for (const a of demo.accounts) console.log(`  ${a.username.padEnd(14)} ${a.label}`);
  });
}
