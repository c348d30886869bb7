import type { Kysely } from "kysely";
import { type BackgroundLoop, startLoop } from "../../background";
import type { Database } from "../../db/schema";
import type { Logger } from "../../logger";
import { FOLD_BATCH, foldQueuedSamples } from "./fold-samples";

/**
 * The server's fold: every `intervalMs`, what the stations queued goes into the rollups (a backlog
 * in back-to-back batches of `batch`, the event loop free in between). Every instance runs one;
 * whichever holds coverage_fold_lock's row folds and the others skip that round.
 */
export function startCoverageFolder(o: {
  db: Kysely<Database>;
  logger: Logger;
  intervalMs: number;
  batch?: number;
}): BackgroundLoop {
  const batch = o.batch ?? FOLD_BATCH;
  return startLoop({
    intervalMs: o.intervalMs,
    firstDelayMs: o.intervalMs,
    round: async () => {
      const done = await foldQueuedSamples(o.db, batch);
      return done.folded >= batch;
    },
    onError: (error) => o.logger.warn({ err: error }, "coverage fold failed; trying again"),
  });
}
