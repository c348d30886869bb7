/**
 * Will the round finish by its deadline? The recent rate is what the points managed in the last
 * hour (the current, partial hour counted by the minutes gone, so a projection made at 10:05 is not
 * judged on five minutes alone). The burn-up's projected finish is now + still-to-sample / rate.
 */

export interface HourCount {
  /** Start of the hour (ISO string or Date). */
  hour: string | Date;
  sampled: number;
}

export interface Projection {
  /** Residents covered per hour recently (0 when nothing came in). */
  ratePerHour: number;
  /** Residents still to sample (expected − sampled − exempted, never below 0). */
  remaining: number;
  /** When the remaining people are sampled at the recent rate; null when the rate is 0 and some remain. */
  finishAt: string | null;
  /** Rate needed from now to finish by the deadline; null when the deadline has passed. */
  neededPerHour: number | null;
  /** on_track: finishes by the deadline; late: does not; done: nobody left. */
  verdict: "done" | "on_track" | "late";
}

const HOUR = 3_600_000;

/** The recent rate and projected finish from hourly counts (any order, gaps allowed). */
export function projectFinish(o: {
  hours: readonly HourCount[];
  remaining: number;
  now: Date;
  deadline: Date;
}): Projection {
  const remaining = Math.max(0, o.remaining);
  const now = o.now.getTime();
  const currentStart = Math.floor(now / HOUR) * HOUR;
  const byStart = new Map<number, number>();
  for (const h of o.hours) {
    const t = new Date(h.hour).getTime();
    byStart.set(t, (byStart.get(t) ?? 0) + h.sampled);
  }
  const elapsed = (now - currentStart) / HOUR;
  const current = byStart.get(currentStart) ?? 0;
  const previous = byStart.get(currentStart - HOUR) ?? 0;
  // The last 60 minutes: this hour so far plus the share of the previous hour still inside them.
  const ratePerHour = Math.max(0, current + previous * (1 - elapsed));
  const left = (o.deadline.getTime() - now) / HOUR;
  const neededPerHour = left > 0 ? remaining / left : null;
  if (remaining === 0)
    return { ratePerHour, remaining, finishAt: o.now.toISOString(), neededPerHour, verdict: "done" };
  const finishAt = ratePerHour > 0 ? new Date(now + (remaining / ratePerHour) * HOUR).toISOString() : null;
  const onTrack = finishAt !== null && new Date(finishAt).getTime() <= o.deadline.getTime();
  return { ratePerHour, remaining, finishAt, neededPerHour, verdict: onTrack ? "on_track" : "late" };
}

/** Cumulative covered residents per hour from the round's start, for the burn-up chart. */
export function burnUp(hours: readonly HourCount[]): { hour: string; cumulative: number }[] {
  const sorted = [...hours]
    .map((h) => ({ t: new Date(h.hour).getTime(), n: h.sampled }))
    .sort((a, b) => a.t - b.t);
  let total = 0;
  const out: { hour: string; cumulative: number }[] = [];
  for (const h of sorted) {
    total += h.n;
    const last = out[out.length - 1];
    if (last && new Date(last.hour).getTime() === h.t) last.cumulative = total;
    else out.push({ hour: new Date(h.t).toISOString(), cumulative: total });
  }
  return out;
}
