/** Time intervals of duty: merging a person's shifts and measuring the duty inside a window fast. */

export interface Interval {
  start: number;
  end: number;
}

/** Duty inside [from, to), by binary search over the merged intervals and their running sums. */
export function dutyWithin(
  duty: readonly Interval[],
  prefix: readonly number[],
  from: number,
  to: number,
): number {
  const i = firstEndingAfter(duty, from);
  const j = firstStartingAtOrAfter(duty, to);
  if (i >= j) return 0;
  let total = (prefix[j] as number) - (prefix[i] as number);
  const head = duty[i] as Interval;
  const tail = duty[j - 1] as Interval;
  if (head.start < from) total -= from - head.start;
  if (tail.end > to) total -= tail.end - to;
  return total;
}

function firstEndingAfter(duty: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = duty.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((duty[mid] as Interval).end > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function firstStartingAtOrAfter(duty: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = duty.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((duty[mid] as Interval).start >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function mergeIntervals(sorted: readonly Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  return merged;
}

export function prefixSums(duty: readonly Interval[]): number[] {
  const sums = [0];
  for (const d of duty) sums.push((sums.at(-1) as number) + d.end - d.start);
  return sums;
}
