import { AppError } from "../../errors";

/** Limits of the public lookup, per server instance. */
export interface LookupLimits {
  /** Lookups per client address per window. */
  perClient: number;
  /** Wrong codes per ID number per window before that number is locked for the rest of it. */
  wrongPerIdNumber: number;
  windowMs: number;
  /** Lookups reading the database at once; more wait for nothing and get 429. */
  inFlight: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  perClient: 30,
  wrongPerIdNumber: 5,
  windowMs: 10 * 60_000,
  inFlight: 4,
};

interface Counter {
  count: number;
  resetAt: number;
}

/**
 * Keeps the public result lookup away from registration: a few lookups read at a time (the rest
 * are told to come back, they never queue in front of scans), each client address gets a fair
 * share, and guessing codes for one ID number stops after a handful of tries. In memory: every
 * instance limits its own share, and nothing here writes to the database.
 */
export function createLookupGate(limits: LookupLimits = DEFAULT_LOOKUP_LIMITS) {
  const clients = new Map<string, Counter>();
  const wrong = new Map<string, Counter>();
  let inFlight = 0;

  const bump = (map: Map<string, Counter>, key: string, now: number): Counter => {
    let c = map.get(key);
    if (!c || c.resetAt <= now) {
      c = { count: 0, resetAt: now + limits.windowMs };
      map.set(key, c);
    }
    c.count += 1;
    return c;
  };
  const sweep = (now: number) => {
    for (const map of [clients, wrong]) {
      if (map.size < 10_000) continue;
      for (const [k, c] of map) if (c.resetAt <= now) map.delete(k);
    }
  };
  const limited = (resetAt: number, message: string) =>
    new AppError("rate_limited", message, {
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
    });

  return {
    /** Runs one lookup inside the limits, or throws 429 with Retry-After. */
    async run<T>(client: string, idNumber: string, lookup: () => Promise<T | "wrong_code">): Promise<T> {
      const now = Date.now();
      sweep(now);
      const c = bump(clients, client, now);
      if (c.count > limits.perClient) throw limited(c.resetAt, "Too many lookups: try again later");
      const w = wrong.get(idNumber);
      if (w && w.resetAt > now && w.count >= limits.wrongPerIdNumber) {
        throw limited(w.resetAt, "Too many wrong codes for this ID number: try again later");
      }
      if (inFlight >= limits.inFlight) {
        throw new AppError("rate_limited", "Many people are looking up results: try again in a moment", {
          retryAfterSeconds: 2,
        });
      }
      inFlight += 1;
      try {
        const answer = await lookup();
        if (answer === "wrong_code") {
          bump(wrong, idNumber, now);
          throw new AppError("not_found", "The ID number and lookup code do not match a resident");
        }
        return answer;
      } finally {
        inFlight -= 1;
      }
    },
  };
}
