/**
 * The points board, the round report and its hourly snapshots (issue 5), shared by the server
 * (validation, OpenAPI) and the web, with the pure rules behind them: a point's load state and the
 * paragraph a subdistrict sends upwards (截至…应检…已采样…).
 */
import { z } from "zod";
import { CoverageFigures } from "./dashboard-schema";

export const ReportQuery = z.object({
  /** The region to look at; default: where the user's view of the round starts. */
  regionId: z.string().max(64).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const RegionRef = z.object({ id: z.string(), name: z.string(), level: z.string() });
export type RegionRef = z.infer<typeof RegionRef>;

// -- points board ---------------------------------------------------------------------------------

/** idle: nothing scanned lately; ok; busy: ≥ 90 % of capacity; over: > 110 %. */
export const PointLoadState = z.enum(["idle", "ok", "busy", "over"]);
export type PointLoadState = z.infer<typeof PointLoadState>;

export const BoardPoint = z.object({
  id: z.string(),
  name: z.string(),
  closed: z.boolean(),
  lanes: z.number().int(),
  perLanePerHour: z.number().int(),
  /** Live samples (walk-ins and repeats included) in the load window. */
  samples: z.number().int(),
  /** What the lanes can take in the window: lanes × per-lane rate × window minutes / 60. */
  capacity: z.number(),
  /** samples / capacity. */
  load: z.number(),
  state: PointLoadState,
  /** Start of the latest 5-minute bucket with a sample, or null: a point gone quiet shows. */
  lastSampleAt: z.string().nullable(),
  tubesOpen: z.number().int(),
  tubesSealed: z.number().int(),
  /** Boxes not yet handed to a courier: still being packed, or sealed and waiting. */
  boxesPacking: z.number().int(),
  boxesSealed: z.number().int(),
  /** Home-sampling runs of the point's buildings (in the region looked at). */
  homeRuns: z.number().int(),
  /** Runs with a homebound resident still unsampled (and not exempted). */
  homeRunsLeft: z.number().int(),
  homePeopleLeft: z.number().int(),
});
export type BoardPoint = z.infer<typeof BoardPoint>;

export const PointsBoard = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  region: RegionRef,
  /** From the top of what the user may see down to the region. */
  trail: z.array(RegionRef),
  /** One level down, to narrow the board. */
  children: z.array(RegionRef),
  /** Busiest first. */
  points: z.array(BoardPoint),
  windowStart: z.string(),
  windowMinutes: z.number(),
  asOf: z.string(),
});
export type PointsBoard = z.infer<typeof PointsBoard>;

const BUCKET_MS = 5 * 60_000;

/**
 * The load window at `now`: the current 5-minute bucket and the two before (10 to 15 minutes).
 * Capacity is counted over the minutes the window really spans, so the bar does not drop by a
 * third each time a new bucket starts.
 */
export function loadWindow(now: Date): { start: Date; end: Date; minutes: number } {
  const start = Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS - 2 * BUCKET_MS;
  return {
    start: new Date(start),
    end: new Date(start + 3 * BUCKET_MS),
    minutes: (now.getTime() - start) / 60_000,
  };
}

/** A point's load in the window, and the state its bar is coloured by. */
export function pointLoad(o: { samples: number; lanes: number; perLanePerHour: number; minutes: number }): {
  capacity: number;
  load: number;
  state: PointLoadState;
} {
  const capacity = (o.lanes * o.perLanePerHour * o.minutes) / 60;
  const load = capacity > 0 ? o.samples / capacity : o.samples > 0 ? Number.POSITIVE_INFINITY : 0;
  const state: PointLoadState = o.samples === 0 ? "idle" : load > 1.1 ? "over" : load >= 0.9 ? "busy" : "ok";
  return { capacity, load: Number.isFinite(load) ? load : 99, state };
}

/** Busiest first (by load, then samples), open points before closed ones at equal load. */
export function sortBusiestFirst<T extends { load: number; samples: number; closed: boolean; name: string }>(
  points: readonly T[],
): T[] {
  return [...points].sort(
    (a, b) =>
      b.load - a.load ||
      b.samples - a.samples ||
      Number(a.closed) - Number(b.closed) ||
      a.name.localeCompare(b.name, "zh-CN"),
  );
}

// -- report ---------------------------------------------------------------------------------------

export const TubeFigures = z.object({
  /** Tubes holding at least one sample. */
  tubes: z.number().int(),
  pooledTubes: z.number().int(),
  singleTubes: z.number().int(),
  positiveTubes: z.number().int(),
  invalidTubes: z.number().int(),
});
export type TubeFigures = z.infer<typeof TubeFigures>;

export const RecallFigures = z.object({
  /** People of positive or invalid pooled tubes to re-sample in a single tube. */
  recalled: z.number().int(),
  /** Of them, re-sampled (result pending or in). */
  resampled: z.number().int(),
  /** Not closed yet (no single-tube result). */
  recallsOpen: z.number().int(),
  recallsClosed: z.number().int(),
});
export type RecallFigures = z.infer<typeof RecallFigures>;

export const ReportRow = RegionRef.extend({
  ...CoverageFigures.shape,
  ...TubeFigures.shape,
  ...RecallFigures.shape,
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportFigures = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    startsAt: z.string(),
    deadlineAt: z.string(),
  }),
  /** The region reported on, with the totals. */
  region: ReportRow,
  /** One level down (communities of a subdistrict…). Tubes are counted where they were filled. */
  rows: z.array(ReportRow),
  /** Points whose area spans several rows (or lies above them): their tubes count in the total only. */
  shared: TubeFigures.extend({ points: z.number().int() }),
  points: z.number().int(),
  openPoints: z.number().int(),
  /** Walk-ins (not in the registry) sampled at the points. */
  walkIns: z.number().int(),
  asOf: z.string(),
  expectedAt: z.string().nullable(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const Report = ReportFigures.extend({
  trail: z.array(RegionRef),
  /** The level of `rows` (community for a subdistrict), or null below buildings. */
  rowLevel: z.string().nullable(),
  text: z.object({ zh: z.string(), en: z.string() }),
});
export type Report = z.infer<typeof Report>;

export const SnapshotItem = CoverageFigures.extend({
  ...TubeFigures.shape,
  ...RecallFigures.shape,
  /** Start of the hour recorded. */
  hour: z.string(),
  /** When the figures were read (a little after the hour). */
  asOf: z.string(),
});
export type SnapshotItem = z.infer<typeof SnapshotItem>;

/**
 * The last round of the user's area that has lab results for pooled tubes: its share of positive
 * pools and the prevalence that implies (pool-size advice for the next round starts from it).
 */
export const PoolHistory = z.object({
  lastRound: z
    .object({
      campaignId: z.string(),
      name: z.string(),
      poolSize: z.number().int(),
      /** Pooled tubes with a negative or positive result (invalid ones say nothing of prevalence). */
      pooledTubes: z.number().int(),
      positiveTubes: z.number().int(),
      positiveRate: z.number(),
      /** 1 − (1 − rate)^(1/poolSize). */
      prevalence: z.number(),
    })
    .nullable(),
});
export type PoolHistory = z.infer<typeof PoolHistory>;

export const SnapshotList = z.object({
  /** Whose figures: the round's top region, or the user's own area among its children. */
  region: RegionRef.nullable(),
  /** Oldest first. */
  items: z.array(SnapshotItem),
});
export type SnapshotList = z.infer<typeof SnapshotList>;

// -- the paragraph ---------------------------------------------------------------------------------

// China has kept UTC+8 all year since 1991: a fixed offset is exact and needs no time-zone data.
const BEIJING_MS = 8 * 3600_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function beijing(iso: string) {
  const d = new Date(new Date(iso).getTime() + BEIJING_MS);
  return { month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** "11月29日14时" on the hour, else "11月29日14时05分" (Beijing time). */
export function formatAsOfZh(iso: string): string {
  const t = beijing(iso);
  const minutes = t.minute === 0 ? "" : `${String(t.minute).padStart(2, "0")}分`;
  return `${t.month + 1}月${t.day}日${t.hour}时${minutes}`;
}

/** "29 Nov 14:05". */
export function formatAsOfEn(iso: string): string {
  const t = beijing(iso);
  return `${t.day} ${MONTHS[t.month]} ${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

/**
 * Coverage as a percentage with one decimal, rounded down: 99.96 % shows 99.9 %, never a 100 %
 * while people are still missing.
 */
export function formatCoverage(coverage: number): string {
  return `${(Math.floor(coverage * 1000 + 1e-9) / 10).toFixed(1)}%`;
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The zh-CN paragraph a subdistrict reports upwards, from the report's figures. */
export function composeReportZh(f: ReportFigures): string {
  const r = f.region;
  const parts = [
    `截至${formatAsOfZh(f.asOf)}，${r.name}${f.campaign.name}共设采样点${f.points}个（开放${f.openPoints}个）`,
    `应检${r.expected}人，已采样${r.sampled}人，覆盖率${formatCoverage(r.coverage)}，豁免${r.exempted}人，未检${r.missing}人`,
  ];
  if (f.walkIns > 0) parts.push(`另采集外来人员${f.walkIns}人`);
  parts.push(`采样管${r.tubes}管（混管${r.pooledTubes}管，单管${r.singleTubes}管）`);
  let tail: string;
  if (r.positiveTubes === 0 && r.invalidTubes === 0 && r.recalled === 0) tail = "未检出阳性管";
  else {
    const invalid = r.invalidTubes > 0 ? `，无效管${r.invalidTubes}管` : "";
    tail = `阳性管${r.positiveTubes}管${invalid}，涉及复核人员${r.recalled}人，已复采${r.resampled}人，待复采${r.recalled - r.resampled}人`;
  }
  return `${parts[0]}；${parts.slice(1).join("；")}；${tail}。`;
}

/** The same paragraph in English, from the same figures (names stay as written). */
export function composeReportEn(f: ReportFigures): string {
  const r = f.region;
  const plural = (n: number, one: string, many = `${one}s`) => `${grouped(n)} ${n === 1 ? one : many}`;
  const parts = [
    `As of ${formatAsOfEn(f.asOf)} (Beijing time), ${f.campaign.name} in ${r.name}: ${plural(f.points, "collection point")} (${grouped(f.openPoints)} open)`,
    `${plural(r.expected, "resident")} expected, ${grouped(r.sampled)} sampled (coverage ${formatCoverage(r.coverage)}), ${grouped(r.exempted)} exempted, ${grouped(r.missing)} not yet tested`,
  ];
  if (f.walkIns > 0) parts.push(`${plural(f.walkIns, "walk-in")} also sampled`);
  parts.push(
    `${plural(r.tubes, "tube")} (${grouped(r.pooledTubes)} pooled, ${grouped(r.singleTubes)} single)`,
  );
  let tail: string;
  if (r.positiveTubes === 0 && r.invalidTubes === 0 && r.recalled === 0) tail = "no positive tubes";
  else {
    const invalid = r.invalidTubes > 0 ? `, ${plural(r.invalidTubes, "invalid tube")}` : "";
    tail = `${plural(r.positiveTubes, "positive tube")}${invalid}; ${plural(r.recalled, "person", "people")} to re-sample, ${grouped(r.resampled)} re-sampled, ${grouped(r.recalled - r.resampled)} still to go`;
  }
  return `${parts.join("; ")}; ${tail}.`;
}
