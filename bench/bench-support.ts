/** What every benchmark needs: a fresh database of either kind, and one child process per run. */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type DbHandle, openDb } from "../packages/server/src/db/client";
import { createScratchDatabase } from "../packages/server/src/db/scratch-database";

export type BenchDb = "pglite" | "postgres";

/** The PostgreSQL server to measure on, if any. */
export const BENCH_PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** Where a fresh benchmark database lives: a PGlite folder, or a database on BENCH_PG_URL. */
export interface BenchDatabase {
  location: { databaseUrl?: string; dataDir: string };
  /** Removes the folder or drops the database. */
  cleanup: () => Promise<void>;
}

/** A fresh, empty database of the given kind (a new database on BENCH_PG_URL for PostgreSQL). */
export async function createBenchDatabase(kind: BenchDb): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "shequ-bench-db-"));
    return { location: { dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!BENCH_PG_URL) throw new Error("set BENCH_DATABASE_URL to measure on PostgreSQL");
  const scratch = await createScratchDatabase(BENCH_PG_URL, "shequ_bench");
  return { location: { databaseUrl: scratch.url, dataDir: "" }, cleanup: scratch.drop };
}

/**
 * Whether a commit the database acknowledges is on disk: PostgreSQL's fsync and
 * synchronous_commit both on (the test cluster of scripts/pg-throwaway.sh turns them off unless
 * started `durable`). PGlite runs with fsync off: its commits survive a killed process (they are
 * in the operating system's cache), not a power cut. Benchmarks print it beside their figures.
 */
export async function commitsDurable(kind: BenchDb): Promise<{ durable: boolean; settings: string }> {
  if (kind === "pglite" || !BENCH_PG_URL) return { durable: false, settings: "PGlite: fsync off" };
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('fsync', 'synchronous_commit') order by name",
    );
    return {
      durable: rows.every((r) => r.setting !== "off"),
      settings: rows.map((r) => `${r.name} ${r.setting}`).join(", "),
    };
  } finally {
    await client.end();
  }
}

/** A fresh database, opened (PGlite may run in memory:// instead of a folder). */
export async function openBenchDb(
  kind: BenchDb,
  opts: { pgliteMemory?: boolean } = {},
): Promise<{ handle: DbHandle; cleanup: () => Promise<void> }> {
  const { location, cleanup } = await createBenchDatabase(kind);
  const where = kind === "pglite" && opts.pgliteMemory ? { dataDir: "memory://" } : location;
  return { handle: await openDb(where), cleanup };
}

/**
 * Runs the benchmark script again as a child with the given arguments, passes its progress lines
 * through and returns the JSON figures on its last line. One child per database keeps one run's
 * peak memory (PGlite holds its WASM heap until the process ends) out of the next.
 */
export function runBenchChild(
  script: string,
  label: string,
  args: readonly string[],
): Record<string, unknown> {
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  const lines = child.stdout.trim().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  const last = lines.at(-1) ?? "";
  if (child.status !== 0 || !last.startsWith("{"))
    throw new Error(`the ${label} run failed (exit ${child.status})`);
  return JSON.parse(last) as Record<string, unknown>;
}

/** Whether a PostgreSQL URL names this machine, whose processes /proc can then count. */
export function isLocal(url: string | undefined): boolean {
  if (!url) return false;
  const host = new URL(url).hostname;
  return host === "" || host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** One target of an issue: a figure, at most (`max`) or at least (`min`) a limit. */
export type IssueTarget = [
  name: string,
  value: number | null | undefined,
  bound: "max" | "min",
  limit: number,
];

/**
 * The issue's targets against the figures of this run, for the JSON line: `within_targets`, and
 * `missed`, each target missed as `name value > limit` (a figure not measured counts as missed),
 * so whoever reads the line sees which targets are met without the issue at hand.
 */
export function checkTargets(targets: IssueTarget[]): { within_targets: boolean; missed: string[] } {
  const missed = targets
    .filter(
      ([, value, bound, limit]) =>
        typeof value !== "number" || (bound === "max" ? value > limit : value < limit),
    )
    .map(
      ([name, value, bound, limit]) =>
        `${name} ${value ?? "not measured"} ${bound === "max" ? ">" : "<"} ${limit}`,
    );
  return { within_targets: missed.length === 0, missed };
}
