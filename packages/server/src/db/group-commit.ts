/** What one item of a group came to: its own answer or its own error, never another item's. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** The queue is at its bound: the caller should answer 429 and come back after retryAfterSeconds. */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("The queue is full");
    this.name = "QueueFullError";
  }
}

export interface GroupCommitOptions<I, O> {
  /** Weight (e.g. scans) that may wait for a commit; above it, submit refuses at once. */
  maxWaiting: number;
  /** Weight taken into one commit at most (one item is always taken, whatever its weight). */
  maxBatch: number;
  /** Commits in flight at once: 1 for PGlite's single connection, a few for a PostgreSQL pool. */
  concurrency: number;
  /** Applies the items in one transaction and answers one Settled per item, in order. */
  commit: (items: I[]) => Promise<Settled<O>[]>;
}

export interface GroupCommit<I> {
  /** Resolves once the commit that holds the item is durable; throws QueueFullError when full. */
  submit<R>(item: I, weight: number): Promise<R>;
  /** Weight waiting for a commit (not counting the commits in flight). */
  readonly waiting: number;
  /** Resolves when nothing waits and no commit is in flight. */
  drain(): Promise<void>;
}

interface Pending<I> {
  item: I;
  weight: number;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit (micro-batching): what arrives while a commit runs waits, and the next commit
 * takes all of it (up to maxBatch), so many requests share one transaction and one flush to
 * disk. Nothing is answered before its own commit returns. The queue is bounded, so overload is
 * refused at the door instead of piling up in memory and latency; an accepted item is never
 * dropped. The queue holds no state that correctness depends on: it only orders and batches,
 * and the database's keys and locks still decide every outcome (several instances may share one
 * database).
 */
export function createGroupCommit<I, O>(opts: GroupCommitOptions<I, O>): GroupCommit<I> {
  const queue: Pending<I>[] = [];
  let waiting = 0;
  let inFlight = 0;
  /** Weight per second committed lately, for Retry-After. */
  let rate = 0;
  let idle: (() => void)[] = [];

  const pump = () => {
    while (inFlight < opts.concurrency && queue.length > 0) {
      const batch: Pending<I>[] = [];
      let weight = 0;
      while (queue.length > 0) {
        const next = queue[0] as Pending<I>;
        if (batch.length > 0 && weight + next.weight > opts.maxBatch) break;
        batch.push(next);
        weight += next.weight;
        queue.shift();
      }
      waiting -= weight;
      inFlight += 1;
      void run(batch, weight);
    }
    if (inFlight === 0 && queue.length === 0) {
      for (const done of idle) done();
      idle = [];
    }
  };

  const run = async (batch: Pending<I>[], weight: number) => {
    const started = performance.now();
    let settled: Settled<O>[];
    try {
      settled = await opts.commit(batch.map((p) => p.item));
    } catch (error) {
      settled = batch.map(() => ({ ok: false, error }));
    }
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    rate = rate === 0 ? weight / seconds : 0.8 * rate + 0.2 * (weight / seconds);
    batch.forEach((p, i) => {
      const s = settled[i];
      if (s?.ok) p.resolve(s.value as never);
      else p.reject(s ? s.error : new Error("The commit gave no answer for this item"));
    });
    inFlight -= 1;
    // The next commit starts after the event loop has read the sockets once, so the requests that
    // came in meanwhile are admitted (or refused) and join it.
    setImmediate(pump);
  };

  return {
    submit<R>(item: I, weight: number): Promise<R> {
      if (waiting > 0 && waiting + weight > opts.maxWaiting) {
        // Time to work off what waits, rounded up to whole seconds as Retry-After wants.
        const seconds = rate > 0 ? Math.ceil((waiting + weight) / rate) : 1;
        throw new QueueFullError(Math.min(Math.max(seconds, 1), 30));
      }
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, weight, resolve: resolve as (value: never) => void, reject });
        waiting += weight;
        pump();
      });
    },
    get waiting() {
      return waiting;
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
