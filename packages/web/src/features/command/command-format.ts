import { inShanghai } from "../campaigns/shanghai-time";

const counts = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

/** 12,345 */
export function formatCount(n: number): string {
  return counts.format(n);
}

/**
 * 37.4% — rounded down, so a round reads 100% only when nobody is left (99.96% must not pass for
 * done at 2 am).
 */
export function formatPercent(ratio: number): string {
  if (ratio >= 1) return "100%";
  return `${percentDown(ratio).toFixed(1)}%`;
}

/** 0.57 → 57 (not 56.9: 0.57 × 1000 is 569.999… in floating point), to one decimal, rounded down. */
export function percentDown(ratio: number): number {
  return Math.floor(ratio * 1000 + 1e-6) / 10;
}

/** "02:15:07" on the Beijing clock. */
export function formatClock(iso: string): string {
  return inShanghai(iso).format("HH:mm:ss");
}

/** Statuses coloured the same everywhere on the page. */
export const COLORS = {
  sampled: "#1f5fa8",
  exempted: "#8c99a8",
  missing: "#cf1322",
  onTrack: "#237804",
  late: "#cf1322",
  capacity: "#dfe5ec",
  projection: "#d46b08",
} as const;

/** A chart's Beijing-shifted time value (see chartTime) formatted on the Beijing clock. */
export function formatChartTime(value: number, pattern: string): string {
  return inShanghai(new Date(value - 8 * 3_600_000).toISOString()).format(pattern);
}
