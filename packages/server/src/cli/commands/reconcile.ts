import { parseArgs } from "node:util";
import { reconcileRound } from "../../features/command/reconcile-round";
import { asSessionUser } from "../../features/imports/actor";
import { countBrokenReferences } from "../../features/station/broken-references";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage = "reconcile <round id>";

/**
 * `shequ reconcile`: recounts a round's coverage rollups from its raw samples and exemptions (the
 * same as the API's recount), printing how many rows were wrong and how long it took; then checks
 * that every sample and tube of the round points at rows that exist (the station's hot path has
 * no foreign keys), and exits with 1 when some do not.
 */
export async function run(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: {} });
  const [campaignId] = positionals;
  if (!campaignId || positionals.length > 1) throw new UsageError(`give one round id: shequ ${usage}`);
  const operator = asSessionUser({ id: null, role: "admin", scope: null });
  const started = performance.now();
  const { result, broken } = await withDatabase(async (handle) => ({
    result: await reconcileRound(handle.db, operator, campaignId),
    broken: await countBrokenReferences(handle.db, campaignId),
  }));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${result.regions} rollup rows recounted in ${seconds} s; ${result.corrected} had wrong sampled/exempted counts and are now right.`,
  );
  const wrong = Object.entries(broken).filter(([, n]) => n > 0);
  if (wrong.length === 0) {
    console.log(
      "Every sample and tube of the round points at a round, point, person, household, tube and user that exist.",
    );
  } else {
    for (const [reference, n] of wrong) console.error(`${n} rows whose ${reference} points at nothing`);
    process.exitCode = 1;
  }
}
