import type { MiddlewareHandler } from "hono";
import { type Kysely, sql, type Transaction } from "kysely";
import { createGroupCommit, QueueFullError, type Settled } from "../../db/group-commit";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { AppDeps, AppEnv, SessionUser } from "../../http";
import { applyScansFast, assertRoundsUnchanged, planFastScans } from "./apply-scans-fast";
import { ReadCache } from "./read-cache";
import {
  applyScans,
  commitScansAlone,
  explainScanError,
  type PreparedScans,
  prepareScans,
  type ScanConfig,
} from "./record-scans";
import { BUSY } from "./refuse-at-socket";
import type { ScanBatchInput, ScanResult } from "./station-schema";

/** One station's POST waiting for a group commit. */
export interface ScanRequest {
  user: SessionUser;
  input: ScanBatchInput;
}

export interface ScanQueue {
  /** Answers once the scans are durable; throws rate_limited (429, Retry-After) when full. */
  record(user: SessionUser, input: ScanBatchInput): Promise<ScanResult[]>;
  /**
   * Counts a POST in from the door (before its session lookup) and answers how to count it out;
   * throws rate_limited when the POSTs already in, at their usual size, fill the queue.
   */
  admit(): () => void;
  /** Whether `admit` would refuse now. */
  full(): boolean;
  drain(): Promise<void>;
}

/** Scans per commit at most: big enough to amortise the flush, small enough to answer fast. */
const MAX_BATCH = 1000;
/**
 * How long a round's and point's lookup (and the token keys) serve later groups as they are, and
 * how long at most while a fresh read runs beside them (read-cache.ts): no group waits for the
 * refresh, which once made every second's first groups the slowest. Only a speed-up: every group
 * re-reads the rounds' status under a lock in its transaction, and redoes the reads afresh if one
 * changed; what else the scans use of a round and a point (its pool size, area and regions) does
 * not change once it is scheduled. Each value is refreshed after 5–15 s (READS_SPREAD), not all
 * at once: at 154 points, refreshing every second in one burst held the group commits up (at
 * 5,000 scans/s, p99 190–365 ms against 70–105 ms without) and cost ~460 queries a second.
 * (Sessions are kept 5 s: features/auth/middleware.ts.)
 */
const READS_FRESH_MS = 10_000;
const READS_STALE_MS = 30_000;
const READS_SPREAD = 0.5;

/**
 * The station's write path: POSTs from many stations share one transaction (group commit), so
 * the cost of a durable commit is paid once per group instead of once per POST. Above `limit`
 * scans waiting, a POST is refused with 429 before any database work of its own, and the
 * station's local queue sends it again after Retry-After.
 */
export function createScanQueue(opts: {
  db: Kysely<Database>;
  config: ScanConfig;
  limit: number;
  /** Commits in flight: 1 on PGlite (one connection), more on a PostgreSQL pool. */
  concurrency: number;
  /** Scans per commit at most. */
  maxBatch?: number;
}): ScanQueue {
  const reads = new ReadCache(READS_FRESH_MS, READS_STALE_MS, Date.now, READS_SPREAD);
  const queue = createGroupCommit<ScanRequest, ScanResult[]>({
    maxWaiting: opts.limit,
    maxBatch: opts.maxBatch ?? MAX_BATCH,
    concurrency: opts.concurrency,
    commit: (requests) => recordScanGroup(opts.db, opts.config, requests, reads),
  });
  // POSTs between the door and their answer, and their usual size in scans: a POST is refused at
  // the door when those already in would fill the queue, so overload never waits for a session
  // lookup (or anything else) before its 429.
  let inside = 0;
  let usualWeight = 10;
  // One error per Retry-After value, made once: capturing a stack for every refused POST was a
  // tenth of a refusal's cost. Nothing reads their stacks.
  const refusals = new Map<number, AppError>();
  const busy = (retryAfterSeconds: number) => {
    let error = refusals.get(retryAfterSeconds);
    if (!error) {
      error = new AppError("rate_limited", BUSY, { retryAfterSeconds });
      refusals.set(retryAfterSeconds, error);
    }
    return error;
  };
  const full = () => queue.waiting >= opts.limit || inside * usualWeight >= opts.limit;
  return {
    record(user, input) {
      usualWeight = 0.9 * usualWeight + 0.1 * input.scans.length;
      try {
        return queue.submit<ScanResult[]>({ user, input }, input.scans.length);
      } catch (error) {
        if (!(error instanceof QueueFullError)) throw error;
        throw busy(error.retryAfterSeconds);
      }
    },
    admit() {
      if (full()) throw busy(1);
      inside += 1;
      let out = false;
      return () => {
        if (out) return;
        out = true;
        inside -= 1;
      };
    },
    full,
    drain: () => queue.drain(),
  };
}

/**
 * Applies many stations' POSTs in one transaction, each answered with its own results; the plain
 * ones set-based (apply-scans-fast.ts), the rest scan by scan. A POST
 * whose reads fail (a round out of scope) fails alone before the transaction. If the combined
 * transaction fails, it is rolled back whole and each POST is applied again in a transaction of
 * its own, so one bad POST never fails the others and nothing is half-applied.
 */
export async function recordScanGroup(
  db: Kysely<Database>,
  config: ScanConfig,
  requests: ScanRequest[],
  cache: ReadCache = new ReadCache(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY),
): Promise<Settled<ScanResult[]>[]> {
  // All at once: POSTs whose points are not cached yet wait for their reads together.
  const prepared = await Promise.all(
    requests.map(
      (r): Promise<Settled<PreparedScans>> =>
        prepareScans(db, r.user, { ...r.input, config }, cache).then(
          (value) => ({ ok: true, value }),
          (error: unknown) => ({ ok: false, error }),
        ),
    ),
  );
  const ready = prepared.flatMap((p) => (p.ok ? [p.value] : []));
  if (ready.length === 0) return prepared as Settled<ScanResult[]>[];

  // Plain POSTs (open tubes, bind residents) set-based; the rest scan by scan, after them.
  const plans = ready.map((p) => planFastScans(p));
  const fast = ready.flatMap((p, i) => {
    const steps = plans[i];
    return steps ? [{ p, steps, i }] : [];
  });
  let combined: ScanResult[][] | undefined;
  try {
    combined = await inTransaction(db, async (trx) => {
      const rounds = roundsSeen(ready);
      const out: ScanResult[][] = new Array(ready.length);
      // The set-based path locks and checks the rounds in its first statement.
      if (fast.length === 0) await lockRoundsUnchanged(trx, rounds);
      const fastResults = fast.length > 0 ? await applyScansFast(trx, fast, rounds) : [];
      fast.forEach((f, k) => {
        out[f.i] = fastResults[k] as ScanResult[];
      });
      for (let i = 0; i < ready.length; i++) {
        if (!plans[i]) out[i] = await applyScans(trx, ready[i] as PreparedScans);
      }
      return out;
    });
  } catch {
    combined = undefined; // rolled back: each POST again on its own below, scan by scan
  }
  const answers: Settled<ScanResult[]>[] = [];
  let next = 0;
  for (const [i, p] of prepared.entries()) {
    if (!p.ok) {
      answers.push(p);
      continue;
    }
    const index = next++;
    if (combined) {
      answers.push({ ok: true, value: combined[index] as ScanResult[] });
      continue;
    }
    try {
      // Fresh reads: the combined attempt may have failed because a round changed.
      const r = requests[i] as ScanRequest;
      const again = await prepareScans(db, r.user, { ...r.input, config });
      answers.push({ ok: true, value: await commitScansAlone(db, again) });
    } catch (error) {
      answers.push({ ok: false, error: explainScanError(error) });
    }
  }
  return answers;
}

/** The rounds of the group's scans and the status their reads saw. */
function roundsSeen(ready: PreparedScans[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const p of ready)
    for (const point of p.points.values()) seen.set(point.campaign.id, point.campaign.status);
  return seen;
}

/**
 * Locks the group's rounds (shared, so closing a round waits for the commit) and checks their
 * status is still the one the reads saw; otherwise the group is redone with fresh reads.
 */
async function lockRoundsUnchanged(trx: Transaction<Database>, seen: Map<string, string>): Promise<void> {
  const rows = await trx
    .selectFrom("campaigns")
    .select(["id", "status"])
    .where("id", "=", sql<string>`any(${[...seen.keys()]}::uuid[])`)
    .forShare()
    .execute();
  assertRoundsUnchanged(seen, rows);
}

const queues = new WeakMap<AppDeps, ScanQueue>();

/** The app's one scan queue (per server instance), shared by the route and the admission gate. */
export function scanQueueOf(deps: AppDeps): ScanQueue {
  let queue = queues.get(deps);
  if (!queue) {
    const pglite = deps.handle.kind === "pglite";
    queue = createScanQueue({
      db: deps.db,
      config: deps.config,
      limit: deps.config.SHEQU_SCAN_QUEUE_LIMIT ?? (pglite ? 500 : 2000),
      // PGlite has one connection; on PostgreSQL another commit can run while one waits for disk.
      concurrency: pglite ? 1 : deps.config.SHEQU_SCAN_COMMITS,
      // PGlite has one connection: a smaller commit holds it for less time (tried 1,000: slower).
      maxBatch: pglite ? 250 : 1000,
    });
    queues.set(deps, queue);
  }
  return queue;
}

/**
 * Refuses POST /api/station/scans with 429 while the queue is full, before the session lookup or
 * any other database work, so overload is answered in microseconds. Mount it ahead of
 * requireSession: `app.use("/api/station/scans", admitScans(deps))`.
 */
export function admitScans(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const queue = scanQueueOf(deps);
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const leave = queue.admit();
    try {
      await next();
    } finally {
      leave();
    }
  };
}
