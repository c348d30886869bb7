/** A loop the server runs beside its requests (the SMS outbox, the snapshot ticker, the fold). */
export interface BackgroundLoop {
  /** No new round starts; resolves once the round in flight (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `round` on unref'd timers (they never keep the process alive): once after `firstDelayMs`,
 * then `intervalMs` after each round ends, or straight away when the round answers true (more
 * work waits). A failed round is reported to `onError` and the loop goes on.
 */
export function startLoop(o: {
  round: () => Promise<boolean | undefined>;
  intervalMs: number;
  firstDelayMs?: number;
  onError: (error: unknown) => void;
}): BackgroundLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = run();
    }, ms);
    timer.unref();
  };
  const run = async () => {
    let more = false;
    try {
      more = (await o.round()) === true;
    } catch (error) {
      o.onError(error);
    }
    if (!stopped) schedule(more ? 0 : o.intervalMs);
  };
  schedule(o.firstDelayMs ?? 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
