/**
 * The live dashboard of a round (issue 5), shared by the server (validation, OpenAPI) and the web.
 * Every figure comes from the rollups kept with each scan, never from counting samples.
 */
import { z } from "zod";

export const DashboardQuery = z.object({
  /** The region to look at; default: the user's own area within the round. */
  regionId: z.string().max(64).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const CoverageFigures = z.object({
  /** Active residents in the registry (refreshed every few minutes, see expectedAt). */
  expected: z.number().int(),
  /** Residents with a live sample in the round. */
  sampled: z.number().int(),
  /** Exempted residents without a sample (away, hospitalised, sampled elsewhere…). */
  exempted: z.number().int(),
  /** expected − sampled − exempted, never below 0. */
  missing: z.number().int(),
  /** sampled / (expected − exempted), 0…1; 1 when nobody is expected. */
  coverage: z.number(),
});
export type CoverageFigures = z.infer<typeof CoverageFigures>;

export const DashboardRegion = CoverageFigures.extend({
  id: z.string(),
  name: z.string(),
  level: z.string(),
});
export type DashboardRegion = z.infer<typeof DashboardRegion>;

export const DashboardPoint = z.object({
  id: z.string(),
  name: z.string(),
  closed: z.boolean(),
  /** lanes × per-lane rate. */
  capacityPerHour: z.number().int(),
  /** Samples (walk-ins and repeats included) per hour of the last 12 hours, oldest first. */
  hours: z.array(z.object({ hour: z.string(), samples: z.number().int() })),
});
export type DashboardPoint = z.infer<typeof DashboardPoint>;

export const Dashboard = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    startsAt: z.string(),
    deadlineAt: z.string(),
  }),
  /** The region looked at, with its figures. */
  region: DashboardRegion,
  /** From the top of what the user may see down to the region, for a breadcrumb. */
  trail: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
  /** One level down (communities of a subdistrict, grids of a community…), in the tree's order. */
  children: z.array(DashboardRegion),
  /** Residents newly covered per hour in the region (grid and up), oldest first. */
  hours: z.array(z.object({ hour: z.string(), sampled: z.number().int() })),
  burnUp: z.array(z.object({ hour: z.string(), cumulative: z.number().int() })),
  projection: z.object({
    ratePerHour: z.number(),
    remaining: z.number().int(),
    finishAt: z.string().nullable(),
    neededPerHour: z.number().nullable(),
    verdict: z.enum(["done", "on_track", "late"]),
  }),
  /** Points serving the region (at most 30, the busiest of the last hour; pointsTruncated says when more). */
  points: z.array(DashboardPoint),
  pointsTruncated: z.boolean(),
  /** Sum of the open points' capacity per hour. */
  capacityPerHour: z.number().int(),
  /** Walk-ins (not in the registry) sampled at the round's points. */
  walkIns: z.number().int(),
  /** When the figures were read (server clock) and when `expected` was last refreshed. */
  asOf: z.string(),
  expectedAt: z.string().nullable(),
  /**
   * Samples of the round taken but not yet in the figures (they are folded in about once a
   * second), and when the oldest of them was queued: how far the figures are behind the scans.
   */
  pending: z.object({ samples: z.number().int(), oldestAt: z.string().nullable() }),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** Coverage figures from rollup counts. */
export function coverageFigures(c: { expected: number; sampled: number; exempted: number }): CoverageFigures {
  const expected = Number(c.expected);
  const sampled = Number(c.sampled);
  const exempted = Number(c.exempted);
  const due = expected - exempted;
  return {
    expected,
    sampled,
    exempted,
    missing: Math.max(0, due - sampled),
    coverage: due > 0 ? Math.min(1, sampled / due) : 1,
  };
}
