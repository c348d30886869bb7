/**
 * `npm run bench:dashboard [-- --db all|pglite|postgres --residents N --stage1 N --stage2 N
 * --pglite-stage2 N --requests N --explain --keep]`: the command view's dashboard at 250,000 and
 * at 25,000,000 samples across 5,000 grids. A district registry (1.25 M residents, 500 points) and
 * a running round over it are written by the database itself. Stage 1 folds the round's first
 * 250,000 samples in through the real fold (queued 250 a transaction, as a station's group commit
 * queues them, and folded by the folder's statement every 5,000), proves the rollups with reconcileCoverage (0
 * corrected) and measures. Stage 2 completes the round (1.26 M samples), adds 19 past rounds over
 * the same residents until the samples table holds 25,000,000 rows, rebuilds the round's rollups
 * with reconcileCoverage (timed) and measures again. A measurement: 400 dashboard requests through
 * the real app (the district's administrator at the top, users scoped to subdistricts, communities
 * and grids looking at their own area), each followed by GET /api/health as the baseline. PGlite
 * goes to 25 M too (~14 min, ~15 GB of disk); `--pglite-stage2 2500000` scales it down. One child
 * process per database; one JSON line per database at the end.
 */

import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createApp } from "../packages/server/src/app";
import { loadConfig } from "../packages/server/src/config";
import { openDb } from "../packages/server/src/db/client";
import { newId } from "../packages/server/src/db/ids";
import { migrateToLatest } from "../packages/server/src/db/migrate";
import { FOLD_BATCH } from "../packages/server/src/features/command/fold-samples";
import {
  reconcileCoverage,
  refreshExpected,
} from "../packages/server/src/features/command/reconcile-coverage";
import type { SessionUser } from "../packages/server/src/http";
import { createLogger } from "../packages/server/src/logger";
import { BENCH_PG_URL, type BenchDb, createBenchDatabase, runBenchChild } from "./bench-support";
import { explainDashboard, explainFold } from "./dashboard-explain";
import { dashboardTargets, signInLookers } from "./dashboard-lookers";
import { describeStage, measureDashboard } from "./dashboard-measure";
import { GRIDS, writeRegistry } from "./dashboard-registry";
import {
  type BenchRound,
  copyRollups,
  createMeasuredRound,
  createPastRound,
  exemptLastTurns,
  foldMeasuredSamples,
  loadMeasuredSamples,
  loadPastSamples,
  POINTS,
  preparePeople,
  ROWS_PER_TURN,
  SPAN_MS,
  shiftRound,
} from "./dashboard-samples";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "all" },
    residents: { type: "string", default: "1250000" },
    stage1: { type: "string", default: "250000" },
    stage2: { type: "string", default: "25000000" },
    /** PGlite's stage 2, if not the same (25 M rows take PGlite ~14 minutes and ~15 GB of disk). */
    "pglite-stage2": { type: "string" },
    requests: { type: "string", default: "400" },
    "fold-batch": { type: "string", default: "250" },
    explain: { type: "boolean", default: false },
    /** Leave the filled database behind (its location is printed) to try queries and indexes on. */
    keep: { type: "boolean", default: false },
    child: { type: "string" },
  },
});
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive integer`);
  return n;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const seconds = (started: number) => round2((performance.now() - started) / 1000);

async function benchOne(kind: BenchDb): Promise<Record<string, unknown>> {
  const residents = num("residents");
  const stage2 = kind === "pglite" && values["pglite-stage2"] ? num("pglite-stage2") : num("stage2");
  const say = (line: string) => process.stderr.write(`[dashboard ${kind}] ${line}\n`);
  const { location, cleanup } = await createBenchDatabase(kind);
  const handle = await openDb(location);
  try {
    await migrateToLatest(handle.db);
    let started = performance.now();
    const registry = await writeRegistry(handle, residents, say);
    const registrySeconds = seconds(started);
    say(
      `registry: ${GRIDS} grids, ${residents.toLocaleString("en")} residents in ${registrySeconds} s (setup)`,
    );

    const operator: SessionUser = {
      id: newId(),
      username: "bench",
      displayName: "bench",
      role: "admin",
      scope: null,
    };
    await handle.db
      .insertInto("users")
      .values({
        id: operator.id,
        username: "bench",
        display_name: "bench",
        password_hash: "-",
        role: "admin",
      })
      .execute();
    const lookers = await signInLookers(handle, registry.district);
    await preparePeople(handle);
    // The round started so that stage 1's last samples are being taken now.
    const turns1 = Math.round(num("stage1") / ROWS_PER_TURN);
    const startsAt = new Date(Date.now() - (turns1 / residents) * SPAN_MS);
    let measured = await createMeasuredRound(handle, operator, registry.district, startsAt);
    const targets = dashboardTargets(lookers, measured.campaignId);

    // Stage 1: the round's first samples through the fold the station runs.
    await refreshExpected(handle.db, measured.campaignId);
    const exempt = Math.floor(residents / 200);
    await exemptLastTurns(handle, measured, { residents, exempt });
    started = performance.now();
    const stage1 = await foldMeasuredSamples(
      handle,
      measured,
      {
        residents,
        turns: turns1,
        batch: num("fold-batch"),
        explainFold: values.explain ? () => explainFold(handle.db, FOLD_BATCH, say) : undefined,
      },
      say,
    );
    const foldSeconds = seconds(started);
    const rows1 = stage1.rows;
    // The folds alone: what the folder costs per queued change (the rest is writing the samples).
    const foldOnlySeconds = round2(stage1.foldMs / 1000);
    const foldUsPerChange = Math.round((stage1.foldMs * 1000) / Math.max(1, stage1.folded));
    say(
      `stage 1: ${rows1.toLocaleString("en")} samples inserted and folded in ${foldSeconds} s (${Math.round(rows1 / foldSeconds)}/s); the folds alone ${foldOnlySeconds} s, ${foldUsPerChange} µs per queued change`,
    );
    // Autovacuum would otherwise visit the fresh tables during the measurement.
    await sql`vacuum analyze`.execute(handle.db);
    const app = createApp({
      db: handle.db,
      handle,
      config: loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "memory://" }),
      logger: createLogger("silent"),
    });
    say(`stage 1: measuring ${num("requests")} dashboard requests at ${rows1.toLocaleString("en")} samples`);
    const first = await measureDashboard(app, targets, num("requests"));
    for (const line of describeStage(first)) say(line);
    started = performance.now();
    const check1 = await reconcileCoverage(handle.db, measured.campaignId);
    const reconcile1Seconds = seconds(started);
    say(
      `stage 1: reconcileCoverage in ${reconcile1Seconds} s: ${check1.corrected} of ${check1.regions} rows corrected (the fold must leave 0)`,
    );

    // Stage 2: the round completes, past rounds fill the table, the recount rebuilds the rollups.
    // Stage 2 ends now: the round so far moves back, and its remaining turns fill the time since.
    const lastTurn = residents - exempt;
    measured = await shiftRound(
      handle,
      measured,
      measured.startsAt.getTime() - (Date.now() - (lastTurn / residents) * SPAN_MS),
    );
    started = performance.now();
    const rows2 = await loadMeasuredSamples(handle, measured, {
      residents,
      from: turns1,
      to: residents - exempt,
    });
    const roundRows = rows1 + rows2;
    say(
      `stage 2: the round completed to ${roundRows.toLocaleString("en")} samples in ${seconds(started)} s (rollups left stale)`,
    );
    let remaining = stage2 - roundRows;
    const past: BenchRound[] = [];
    while (remaining > 0) {
      const count = Math.min(residents, remaining);
      started = performance.now();
      const r = await createPastRound(handle, registry.district, measured, past.length + 1);
      await loadPastSamples(handle, r, { residents, count });
      past.push(r);
      // PGlite checkpoints only when asked: without this its WAL grows by ~1 GB a round.
      if (kind === "pglite") await sql`checkpoint`.execute(handle.db);
      remaining -= count;
      say(
        `stage 2: past round ${r.round}: ${count.toLocaleString("en")} samples in ${seconds(started)} s (${(stage2 - remaining).toLocaleString("en")} in the table)`,
      );
    }
    started = performance.now();
    await sql`vacuum analyze`.execute(handle.db);
    const vacuumSeconds = seconds(started);
    say(`stage 2: vacuum analyze in ${vacuumSeconds} s (setup)`);
    started = performance.now();
    const check2 = await reconcileCoverage(handle.db, measured.campaignId);
    const reconcileSeconds = seconds(started);
    say(
      `stage 2: reconcileCoverage in ${reconcileSeconds} s: ${check2.corrected} of ${check2.regions} rows rebuilt from ${roundRows.toLocaleString("en")} samples`,
    );
    started = performance.now();
    for (const r of past) await copyRollups(handle, measured, r);
    // Vacuumed too: the recount rewrote every rollup row, and autovacuum would otherwise visit
    // them during the measurement (seen on PostgreSQL: coverage_counts, mid-measurement).
    await sql`vacuum analyze coverage_counts, coverage_hours, site_load, site_hours, site_regions`.execute(
      handle.db,
    );
    say(`stage 2: the past rounds' rollups written in ${seconds(started)} s (setup)`);
    const table = await sql<{ n: number }>`select count(*) as n from samples`.execute(handle.db);
    const tableRows = Number(table.rows[0]?.n);
    say(
      `stage 2: measuring ${num("requests")} dashboard requests at ${tableRows.toLocaleString("en")} samples`,
    );
    const second = await measureDashboard(app, targets, num("requests"));
    for (const line of describeStage(second)) say(line);
    if (values.explain)
      for (const level of ["district", "subdistrict", "community", "grid"]) {
        const looker = lookers.find((l) => l.level === level);
        if (looker) await explainDashboard(handle.db, looker.user, measured.campaignId, say);
      }

    const ratio = round2(second.p95_ms / first.p95_ms);
    return {
      bench: "dashboard",
      db: kind,
      grids: GRIDS,
      points: POINTS,
      residents,
      households: registry.households,
      // Stage sizes are the samples table's rows: 250,000 and 25,000,000 unless scaled down.
      samples_stage1: rows1,
      samples_stage2: tableRows,
      p95_stage1_ms: first.p95_ms,
      p95_stage2_ms: second.p95_ms,
      ratio_p95_stage2_to_stage1: ratio,
      reconcile_s: reconcileSeconds,
      target_p95_ms: TARGET_P95_MS,
      target_ratio: TARGET_RATIO,
      within_targets:
        first.p95_ms <= TARGET_P95_MS && second.p95_ms <= TARGET_P95_MS && ratio <= TARGET_RATIO,
      stage1: {
        samples_table: rows1,
        round_samples: rows1,
        build: "queued as the station does, folded by foldAllQueued every 5,000",
        fold_s: foldSeconds,
        folds_only_s: foldOnlySeconds,
        fold_us_per_change: foldUsPerChange,
        ...first,
      },
      stage2: {
        samples_table: tableRows,
        round_samples: roundRows,
        past_rounds: past.length,
        build: "reconcileCoverage",
        scaled: tableRows < 25_000_000,
        how: `the measured round complete (${roundRows} samples over ${residents} residents) plus ${past.length} past rounds over the same residents`,
        ...second,
      },
      reconcile_stage1_s: reconcile1Seconds,
      reconcile_stage1_corrected: check1.corrected,
      reconcile_corrected: check2.corrected,
      rollup_rows: check2.regions,
      setup_s: { registry: registrySeconds, vacuum: vacuumSeconds },
    };
  } finally {
    await handle.close();
    if (values.keep) say(`kept: ${location.databaseUrl ?? location.dataDir}`);
    else await cleanup();
  }
}

async function main(): Promise<void> {
  if (values.child) {
    console.log(JSON.stringify(await benchOne(values.child === "postgres" ? "postgres" : "pglite")));
    return;
  }
  const kinds: BenchDb[] = [];
  if (values.db === "all" || values.db === "pglite") kinds.push("pglite");
  if ((values.db === "all" || values.db === "postgres") && BENCH_PG_URL) kinds.push("postgres");
  if (!BENCH_PG_URL) console.log("BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PostgreSQL skipped");
  const given = ["residents", "stage1", "stage2", "pglite-stage2", "requests", "fold-batch"].filter(
    (name) => values[name as keyof typeof values] !== undefined,
  );
  const args = given.flatMap((name) => [`--${name}`, String(values[name as keyof typeof values])]);
  if (values.explain) args.push("--explain");
  if (values.keep) args.push("--keep");
  const results = kinds.map((kind) =>
    runBenchChild(fileURLToPath(import.meta.url), kind, [...args, "--child", kind]),
  );
  for (const r of results) console.log(JSON.stringify(r));
}

await main();
