import { postScans, SyncError } from "./station-api";
import { markScans, type StationDb, type StoredScan } from "./station-db";

export type SyncHealth = "ok" | "offline" | "busy" | "signed_out";

export interface SyncLoop {
  /** Something new was stored: send it now rather than at the next tick. */
  kick(): void;
  stop(): void;
}

const BATCH = 200;
const IDLE_MS = 15_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Sends unsynced scans in seq order, in batches, until none are left; marks each by the server's
 * answer. Network trouble backs off (1 s doubling to 30 s, or at once when the browser says it is
 * online again); a 429 waits what Retry-After says. A batch the server refuses as a whole is split
 * to one scan, which is then stored as rejected so the queue never jams behind it.
 */
export function startSyncLoop(opts: {
  db: StationDb;
  stationId: string;
  onSynced: () => void;
  onHealth: (health: SyncHealth) => void;
}): SyncLoop {
  let stopped = false;
  let wake: (() => void) | undefined;
  let backoff = 1000;
  let batch = BATCH;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const onOnline = () => {
    backoff = 1000;
    wake?.();
  };
  window.addEventListener("online", onOnline);

  async function pending(): Promise<StoredScan[]> {
    const out: StoredScan[] = [];
    let cursor = await opts.db.transaction("scans").store.index("seq").openCursor();
    while (cursor && out.length < batch) {
      if (cursor.value.sync === "pending") out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  async function run() {
    while (!stopped) {
      let scans: StoredScan[];
      try {
        scans = await pending();
      } catch {
        // IndexedDB busy or closing (a second tab upgrading it): look again shortly.
        await sleep(backoff);
        continue;
      }
      if (scans.length === 0) {
        batch = BATCH;
        await sleep(IDLE_MS);
        continue;
      }
      try {
        const { results } = await postScans(
          opts.stationId,
          scans.map((s) => s.scan),
        );
        await markScans(
          opts.db,
          results.map((r) => ({
            id: r.id,
            // A duplicate says what the first delivery came to: a refused scan stays refused.
            sync:
              r.status === "duplicate" && (r.stored === "rejected" || (!r.stored && r.code))
                ? "rejected"
                : r.status,
            code: r.code,
            message: r.message,
          })),
        );
        backoff = 1000;
        opts.onHealth("ok");
        opts.onSynced();
      } catch (error) {
        const code = error instanceof SyncError ? error.code : "network";
        if (code === "refused" && scans.length > 1) {
          batch = 1;
          continue;
        }
        if (code === "refused") {
          const [only] = scans;
          if (only) await markScans(opts.db, [{ id: only.id, sync: "rejected", code: "refused" }]);
          opts.onSynced();
          continue;
        }
        opts.onHealth(
          code === "unauthenticated" ? "signed_out" : code === "rate_limited" ? "busy" : "offline",
        );
        const wait = error instanceof SyncError && error.retryAfterMs ? error.retryAfterMs : backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        await sleep(wait);
      }
    }
  }
  void run();

  return {
    kick: () => wake?.(),
    stop: () => {
      stopped = true;
      window.removeEventListener("online", onOnline);
      wake?.();
    },
  };
}
