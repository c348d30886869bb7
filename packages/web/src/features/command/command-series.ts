import type { Dashboard, DashboardPoint, DashboardRegion } from "@shequ/core/dashboard-schema";

const HOUR = 3_600_000;
/**
 * Charts draw Beijing wall-clock time: every instant is shifted by +8 h and the charts run in UTC
 * mode, so ticks fall on Beijing hours and midnights whatever the browser's own zone is.
 */
const BEIJING = 8 * HOUR;

/** An instant as the chart's Beijing-shifted time value. */
export function chartTime(iso: string | number): number {
  return (typeof iso === "number" ? iso : new Date(iso).getTime()) + BEIJING;
}

export type ChildOrder = "worst" | "tree";

/** Worst first: lowest coverage, then most people missing; ties keep the tree's order. */
export function orderChildren(children: readonly DashboardRegion[], order: ChildOrder): DashboardRegion[] {
  if (order === "tree") return [...children];
  return children
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.coverage - b.c.coverage || b.c.missing - a.c.missing || a.i - b.i)
    .map((x) => x.c);
}

export interface BurnUpLines {
  /** [time, cumulative residents covered], from 0 at the first hour to now. */
  actual: [number, number][];
  /** From now at the current figure to the projected finish at the target; empty when none. */
  projection: [number, number][];
  /** expected − exempted: the people the round must reach. */
  target: number;
  deadline: number;
  now: number;
  /** The time axis: the round's start (or the first sample) to a little past the deadline. */
  min: number;
  max: number;
  /** The projected finish lies beyond the drawn axis (the dashed line leaves the chart). */
  finishOffChart: boolean;
}

/** The burn-up chart's lines, in chart time (see chartTime). */
export function burnUpLines(d: Dashboard): BurnUpLines {
  const now = new Date(d.asOf).getTime();
  const start = new Date(d.campaign.startsAt).getTime();
  const deadline = new Date(d.campaign.deadlineAt).getTime();
  const target = d.region.expected - d.region.exempted;
  const actual: [number, number][] = [];
  const first = d.burnUp[0];
  if (first) actual.push([chartTime(first.hour), 0]);
  let last = 0;
  for (const h of d.burnUp) {
    const end = Math.min(new Date(h.hour).getTime() + HOUR, now);
    actual.push([chartTime(end), h.cumulative]);
    last = h.cumulative;
  }
  if (!first && start < now) actual.push([chartTime(start), 0]);
  if (actual.length === 0 || (actual[actual.length - 1]?.[0] ?? 0) < chartTime(now)) {
    actual.push([chartTime(now), last]);
  }
  const from = Math.min(start, first ? new Date(first.hour).getTime() : start, now);
  const span = Math.max(deadline, now) - from;
  // Room past the deadline for a late finish, but a finish days away must not squash the round.
  const limit = Math.max(deadline, now) + span * 0.25;
  const finish = d.projection.finishAt ? new Date(d.projection.finishAt).getTime() : undefined;
  const drawFinish = d.projection.verdict !== "done" && finish !== undefined && finish > now;
  const axisEnd = drawFinish ? Math.min(Math.max(deadline, finish), limit) : Math.max(deadline, now);
  const max = axisEnd + Math.max(HOUR, (axisEnd - from) * 0.03);
  return {
    actual,
    projection:
      drawFinish && finish !== undefined
        ? [
            [chartTime(now), d.region.sampled],
            [chartTime(finish), target],
          ]
        : [],
    target,
    deadline: chartTime(deadline),
    now: chartTime(now),
    min: chartTime(Math.floor(from / HOUR) * HOUR),
    max: chartTime(max),
    finishOffChart: drawFinish && finish !== undefined && finish > max,
  };
}

export interface PointRow {
  id: string;
  name: string;
  closed: boolean;
  capacity: number;
  /** Samples per hour, aligned with the window's hours. */
  samples: number[];
}

/** The last `size` hours up to the current one (hour starts, ISO), oldest first. */
export function hourWindow(asOf: string, size: number): string[] {
  const current = Math.floor(new Date(asOf).getTime() / HOUR) * HOUR;
  return Array.from({ length: size }, (_, i) => new Date(current - (size - 1 - i) * HOUR).toISOString());
}

/** Each point's hourly samples over the window (hours with no sample are 0). */
export function pointRows(points: readonly DashboardPoint[], window: readonly string[]): PointRow[] {
  const index = new Map(window.map((h, i) => [new Date(h).getTime(), i]));
  return points.map((p) => {
    const samples = window.map(() => 0);
    for (const h of p.hours) {
      const i = index.get(Math.floor(new Date(h.hour).getTime() / HOUR) * HOUR);
      if (i !== undefined) samples[i] = (samples[i] ?? 0) + h.samples;
    }
    return { id: p.id, name: p.name, closed: p.closed, capacity: p.capacityPerHour, samples };
  });
}

export type FinishState = "done" | "not_started" | "on_track" | "late";

/**
 * How the projected finish reads. Before sampling starts nobody is late (a zero rate at 6 am
 * before a noon start is not news); the rate it will take then counts from the start, not now.
 */
export function finishState(d: Dashboard): { state: FinishState; neededPerHour: number | null } {
  const p = d.projection;
  if (p.verdict === "done") return { state: "done", neededPerHour: null };
  const now = new Date(d.asOf).getTime();
  const start = new Date(d.campaign.startsAt).getTime();
  const deadline = new Date(d.campaign.deadlineAt).getTime();
  if (now < start && d.region.sampled === 0) {
    const hours = (deadline - start) / HOUR;
    return { state: "not_started", neededPerHour: hours > 0 ? Math.ceil(p.remaining / hours) : null };
  }
  return { state: p.verdict, neededPerHour: p.neededPerHour === null ? null : Math.ceil(p.neededPerHour) };
}
