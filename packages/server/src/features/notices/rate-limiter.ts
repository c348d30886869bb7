export interface RateLimiter {
  /** Resolves when the next message may go. */
  take(): Promise<void>;
}

/** Spaces messages evenly at `perSecond`, so the gateway (and the carrier behind it) is never flooded. */
export function createRateLimiter(perSecond: number): RateLimiter {
  const gap = 1000 / perSecond;
  let next = 0;
  return {
    async take() {
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + gap;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    },
  };
}
