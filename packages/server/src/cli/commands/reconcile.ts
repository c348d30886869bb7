import { parseArgs } from "node:util";
import { reconcileRound } from "../../features/command/reconcile-round";
import { asSessionUser } from "../../features/imports/actor";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage = "reconcile <round id>";

/**
 * `shequ reconcile`: recounts a round's coverage rollups from its raw samples and exemptions (the
 * same as the API's recount), printing how many rows were wrong and how long it took.
 */
export async function run(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: {} });
  const [campaignId] = positionals;
  if (!campaignId || positionals.length > 1) throw new UsageError(`give one round id: shequ ${usage}`);
  const operator = asSessionUser({ id: null, role: "admin", scope: null });
  const started = performance.now();
  const result = await withDatabase((handle) => reconcileRound(handle.db, operator, campaignId));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${result.regions} rollup rows recounted in ${seconds} s; ${result.corrected} had wrong sampled/exempted counts and are now right.`,
  );
}
