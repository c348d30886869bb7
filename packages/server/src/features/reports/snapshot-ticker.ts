import type { Kysely } from "kysely";
import { type BackgroundLoop, startLoop } from "../../background";
import type { Database } from "../../db/schema";
import type { Logger } from "../../logger";
import { ensureCoverage, refreshExpected } from "../command/reconcile-coverage";
import { collectReportFigures } from "./collect-figures";
import {
  claimExpectedRefresh,
  hasSnapshot,
  insertSnapshot,
  selectActiveRounds,
  selectRoundTopRegion,
} from "./report-queries";

const HOUR_MS = 3_600_000;

export interface SnapshotTick {
  /** Rounds looked at. */
  rounds: number;
  /** Rounds whose expected counts this tick recounted. */
  refreshed: string[];
  /** Rounds whose snapshot for the hour this tick wrote. */
  snapshots: string[];
  /** Rounds that failed (logged; tried again next tick). */
  failed: string[];
}

/**
 * One tick of the snapshot ticker, for every running round (or scheduled one past its start):
 * recounts `expected` from the registry when the last count is older than `staleSeconds`, and keeps
 * the hour's figures for the round's top region when the hour has none yet. Safe with several
 * server instances: the recount is claimed by a conditional update, the snapshot insert does
 * nothing on conflict, so the first instance wins both. Tests call it directly.
 */
export async function runSnapshotTick(
  db: Kysely<Database>,
  opts: { now?: Date; staleSeconds?: number; logger?: Logger } = {},
): Promise<SnapshotTick> {
  const now = opts.now ?? new Date();
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const rounds = await selectActiveRounds(db, now);
  const tick: SnapshotTick = { rounds: rounds.length, refreshed: [], snapshots: [], failed: [] };
  for (const round of rounds) {
    try {
      const top = await selectRoundTopRegion(db, round.id);
      if (!top) continue;
      await ensureCoverage(db, round.id);
      if (await claimExpectedRefresh(db, round.id, top.id, opts.staleSeconds ?? 300)) {
        await refreshExpected(db, round.id);
        tick.refreshed.push(round.id);
      }
      if (await hasSnapshot(db, round.id, hour)) continue;
      const figures = await collectReportFigures(db, round, top, now);
      if (await insertSnapshot(db, round.id, hour, figures)) tick.snapshots.push(round.id);
    } catch (error) {
      tick.failed.push(round.id);
      opts.logger?.warn(
        { err: error, campaignId: round.id },
        "round snapshot failed; trying again next tick",
      );
    }
  }
  return tick;
}

/**
 * Runs the tick every minute; stop() waits for a tick in flight, so shutdown closes the database
 * after it.
 */
export function startSnapshotTicker(opts: {
  db: Kysely<Database>;
  logger: Logger;
  intervalMs?: number;
  firstDelayMs?: number;
}): BackgroundLoop {
  return startLoop({
    intervalMs: opts.intervalMs ?? 60_000,
    firstDelayMs: opts.firstDelayMs ?? 5_000,
    round: async () => {
      const done = await runSnapshotTick(opts.db, { logger: opts.logger });
      if (done.snapshots.length || done.refreshed.length) {
        opts.logger.info(
          { snapshots: done.snapshots.length, refreshed: done.refreshed.length },
          "round snapshot tick",
        );
      }
      return false;
    },
    onError: (error) => opts.logger.warn({ err: error }, "round snapshot tick failed; trying again"),
  });
}
