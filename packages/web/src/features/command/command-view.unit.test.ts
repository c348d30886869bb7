import type { Dashboard, DashboardRegion } from "@shequ/core/dashboard-schema";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../app/api-client";
import { formatPercent } from "./command-format";
import { burnUpLines, chartTime, finishState, hourWindow, orderChildren, pointRows } from "./command-series";
import { initialLive, liveKey, reduceLive, viewOf } from "./live-state";

const H = 3_600_000;
const at = (iso: string) => new Date(iso).getTime();

function region(name: string, expected: number, sampled: number, exempted = 0): DashboardRegion {
  const due = expected - exempted;
  return {
    id: name,
    name,
    level: "community",
    expected,
    sampled,
    exempted,
    missing: Math.max(0, due - sampled),
    coverage: due > 0 ? Math.min(1, sampled / due) : 1,
  };
}

function dashboard(over: Partial<Dashboard> = {}): Dashboard {
  return {
    campaign: {
      id: "c1",
      name: "第二轮",
      status: "running",
      startsAt: "2026-11-30T00:00:00.000Z",
      deadlineAt: "2026-12-02T00:00:00.000Z",
    },
    region: { ...region("街道", 1000, 300, 100), level: "subdistrict" },
    trail: [],
    children: [],
    hours: [],
    burnUp: [
      { hour: "2026-11-30T00:00:00.000Z", cumulative: 100 },
      { hour: "2026-11-30T01:00:00.000Z", cumulative: 300 },
    ],
    projection: {
      ratePerHour: 200,
      remaining: 600,
      finishAt: "2026-11-30T04:30:00.000Z",
      neededPerHour: 13,
      verdict: "on_track",
    },
    points: [],
    pointsTruncated: false,
    capacityPerHour: 450,
    walkIns: 0,
    asOf: "2026-11-30T01:30:00.000Z",
    expectedAt: null,
    pending: { samples: 0, oldestAt: null },
    ...over,
  };
}

describe("the order of regions one level down", () => {
  it("puts the lowest coverage first, then the most people missing, else keeps the tree's order", () => {
    const items = [
      region("甲", 100, 90),
      region("乙", 100, 20),
      region("丙", 200, 40),
      region("丁", 100, 90),
    ];
    expect(orderChildren(items, "worst").map((r) => r.name)).toEqual(["丙", "乙", "甲", "丁"]);
    expect(orderChildren(items, "tree").map((r) => r.name)).toEqual(["甲", "乙", "丙", "丁"]);
  });
});

describe("the burn-up chart's lines", () => {
  it("climbs from 0 hour by hour to now, aims at expected − exempted, and dashes on to the projected finish", () => {
    const lines = burnUpLines(dashboard());
    expect(lines.target).toBe(900);
    expect(lines.actual).toEqual([
      [chartTime("2026-11-30T00:00:00.000Z"), 0],
      [chartTime("2026-11-30T01:00:00.000Z"), 100],
      [chartTime("2026-11-30T01:30:00.000Z"), 300],
    ]);
    expect(lines.projection).toEqual([
      [chartTime("2026-11-30T01:30:00.000Z"), 300],
      [chartTime("2026-11-30T04:30:00.000Z"), 900],
    ]);
    expect(lines.deadline).toBe(chartTime("2026-12-02T00:00:00.000Z"));
    expect(lines.max).toBeGreaterThan(lines.deadline);
    expect(lines.finishOffChart).toBe(false);
  });

  it("keeps a finish weeks away off the chart instead of squashing the round into a corner", () => {
    const late = dashboard({
      projection: {
        ratePerHour: 1,
        remaining: 600,
        finishAt: "2027-01-30T00:00:00.000Z",
        neededPerHour: 13,
        verdict: "late",
      },
    });
    const lines = burnUpLines(late);
    expect(lines.finishOffChart).toBe(true);
    expect(lines.max - lines.deadline).toBeLessThan(24 * H);
  });

  it("draws no projection once everybody is done, and a flat line when nobody is sampled yet", () => {
    const done = burnUpLines(dashboard({ projection: { ...dashboard().projection, verdict: "done" } }));
    expect(done.projection).toEqual([]);
    const none = burnUpLines(
      dashboard({ burnUp: [], projection: { ...dashboard().projection, finishAt: null, verdict: "late" } }),
    );
    expect(none.actual).toEqual([
      [chartTime("2026-11-30T00:00:00.000Z"), 0],
      [chartTime("2026-11-30T01:30:00.000Z"), 0],
    ]);
    expect(none.projection).toEqual([]);
  });

  it("shifts instants to Beijing wall-clock time for the chart", () => {
    expect(chartTime("2026-11-30T16:00:00.000Z")).toBe(at("2026-12-01T00:00:00.000Z"));
  });
});

describe("how the projected finish reads", () => {
  it("is not late before sampling starts, and counts the rate it takes from the start", () => {
    const early = dashboard({
      asOf: "2026-11-29T20:00:00.000Z",
      region: { ...region("街道", 1000, 0, 40), level: "subdistrict" },
      burnUp: [],
      projection: { ratePerHour: 0, remaining: 960, finishAt: null, neededPerHour: 18.5, verdict: "late" },
    });
    // 960 people over the 48 hours from the start: 20 an hour.
    expect(finishState(early)).toEqual({ state: "not_started", neededPerHour: 20 });
  });

  it("follows the server's verdict once sampling has begun, rounding the needed rate up", () => {
    expect(finishState(dashboard())).toEqual({ state: "on_track", neededPerHour: 13 });
    const stalled = dashboard({
      projection: { ratePerHour: 0, remaining: 600, finishAt: null, neededPerHour: 12.2, verdict: "late" },
    });
    expect(finishState(stalled)).toEqual({ state: "late", neededPerHour: 13 });
    const done = dashboard({ projection: { ...dashboard().projection, verdict: "done" } });
    expect(finishState(done).state).toBe("done");
  });
});

describe("the points' hourly samples", () => {
  it("lines each point's hours up with the last hours up to the current one, empty hours as 0", () => {
    const span = hourWindow("2026-11-30T03:20:00.000Z", 3);
    expect(span).toEqual([
      "2026-11-30T01:00:00.000Z",
      "2026-11-30T02:00:00.000Z",
      "2026-11-30T03:00:00.000Z",
    ]);
    const rows = pointRows(
      [
        {
          id: "p1",
          name: "一号点",
          closed: false,
          capacityPerHour: 225,
          hours: [
            { hour: "2026-11-30T00:00:00.000Z", samples: 50 },
            { hour: "2026-11-30T01:00:00.000Z", samples: 180 },
            { hour: "2026-11-30T03:00:00.000Z", samples: 40 },
          ],
        },
      ],
      span,
    );
    expect(rows).toEqual([{ id: "p1", name: "一号点", closed: false, capacity: 225, samples: [180, 0, 40] }]);
  });
});

describe("the live figures between polls", () => {
  const key = liveKey("c1", undefined);
  const data = dashboard();
  const dropped = new ApiError(0, "network", "The server could not be reached");

  it("keeps the last figures on screen when a poll fails, quietly, until the next good one", () => {
    const shown = reduceLive(initialLive, { type: "ok", key, data });
    const failed = reduceLive(shown, { type: "fail", key, error: dropped });
    expect(viewOf(failed, key)).toMatchObject({ data, stale: true, transient: true, fatal: undefined });
    const back = reduceLive(failed, { type: "ok", key, data });
    expect(viewOf(back, key)).toMatchObject({ data, stale: false, error: undefined });
  });

  it("dims the previous region's figures while another loads, and drops them if it cannot load", () => {
    const shown = reduceLive(initialLive, { type: "ok", key, data });
    const other = liveKey("c1", "grid-1");
    expect(viewOf(shown, other)).toMatchObject({ data, switching: true, stale: false });
    const gone = new ApiError(404, "not_found", "Region not found");
    const failed = reduceLive(shown, { type: "fail", key: other, error: gone });
    expect(viewOf(failed, other)).toMatchObject({ data: undefined, fatal: gone, transient: false });
  });
});

describe("coverage as a percentage", () => {
  it("rounds down so 100% means nobody is left", () => {
    expect(formatPercent(0.9996)).toBe("99.9%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0.374)).toBe("37.4%");
    expect(formatPercent(0.57)).toBe("57.0%");
  });
});
