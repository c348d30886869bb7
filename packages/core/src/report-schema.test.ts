import { describe, expect, it } from "vitest";
import {
  composeReportEn,
  composeReportZh,
  formatAsOfZh,
  formatCoverage,
  loadWindow,
  pointLoad,
  type ReportFigures,
  type ReportRow,
  sortBusiestFirst,
} from "./report-schema";

const row = (over: Partial<ReportRow> = {}): ReportRow => ({
  id: "r1",
  name: "酒泉路街道",
  level: "subdistrict",
  expected: 55012,
  sampled: 50000,
  exempted: 120,
  missing: 4892,
  coverage: 50000 / 54892,
  tubes: 5300,
  pooledTubes: 5200,
  singleTubes: 100,
  positiveTubes: 0,
  invalidTubes: 0,
  recalled: 0,
  resampled: 0,
  recallsOpen: 0,
  recallsClosed: 0,
  ...over,
});

const figures = (over: Partial<ReportRow> = {}, walkIns = 0): ReportFigures => ({
  campaign: {
    id: "c1",
    name: "第二轮全员核酸检测",
    status: "running",
    startsAt: "2026-11-28T00:00:00Z",
    deadlineAt: "2026-11-30T00:00:00Z",
  },
  region: row(over),
  rows: [],
  shared: { points: 0, tubes: 0, pooledTubes: 0, singleTubes: 0, positiveTubes: 0, invalidTubes: 0 },
  points: 22,
  openPoints: 20,
  walkIns,
  // 14:05 in Beijing.
  asOf: "2026-11-29T06:05:00Z",
  expectedAt: null,
});

describe("the report paragraph", () => {
  it("reads the way a subdistrict reports upwards, in Beijing time", () => {
    expect(composeReportZh(figures())).toBe(
      "截至11月29日14时05分，酒泉路街道第二轮全员核酸检测共设采样点22个（开放20个）；" +
        "应检55012人，已采样50000人，覆盖率91.0%，豁免120人，未检4892人；" +
        "采样管5300管（混管5200管，单管100管）；未检出阳性管。",
    );
  });

  it("names positive and invalid tubes and the people to re-sample when there are any", () => {
    const text = composeReportZh(
      figures({ positiveTubes: 2, invalidTubes: 1, recalled: 27, resampled: 20, recallsOpen: 9 }, 31),
    );
    expect(text).toContain("另采集外来人员31人；");
    expect(text).toContain("阳性管2管，无效管1管，涉及复核人员27人，已复采20人，待复采7人。");
  });

  it("says the same in English from the same figures", () => {
    expect(composeReportEn(figures({ positiveTubes: 1, recalled: 10, resampled: 4 }))).toBe(
      "As of 29 Nov 14:05 (Beijing time), 第二轮全员核酸检测 in 酒泉路街道: 22 collection points (20 open); " +
        "55,012 residents expected, 50,000 sampled (coverage 91.0%), 120 exempted, 4,892 not yet tested; " +
        "5,300 tubes (5,200 pooled, 100 single); 1 positive tube; 10 people to re-sample, 4 re-sampled, 6 still to go.",
    );
  });

  it("writes the hour alone on the hour, and never rounds coverage up to 100 %", () => {
    expect(formatAsOfZh("2026-11-28T16:00:00Z")).toBe("11月29日0时");
    expect(formatCoverage(0.99996)).toBe("99.9%");
    expect(formatCoverage(1)).toBe("100.0%");
    expect(formatCoverage(0.123)).toBe("12.3%");
  });
});

describe("a point's load", () => {
  it("spans the current 5-minute bucket and the two before", () => {
    const w = loadWindow(new Date("2026-11-29T06:07:30Z"));
    expect(w.start.toISOString()).toBe("2026-11-29T05:55:00.000Z");
    expect(w.minutes).toBe(12.5);
    expect(loadWindow(new Date("2026-11-29T06:05:00Z")).minutes).toBe(10);
  });

  it("is idle, ok, busy from 90 % and over above 110 % of what the lanes take in the window", () => {
    // 4 lanes × 60/h over 15 minutes = 60 people.
    const at = (samples: number) => pointLoad({ samples, lanes: 4, perLanePerHour: 60, minutes: 15 });
    expect(at(0)).toMatchObject({ capacity: 60, load: 0, state: "idle" });
    expect(at(53).state).toBe("ok");
    expect(at(54).state).toBe("busy");
    expect(at(66).state).toBe("busy");
    expect(at(67).state).toBe("over");
    expect(pointLoad({ samples: 3, lanes: 0, perLanePerHour: 60, minutes: 15 }).state).toBe("over");
  });

  it("sorts the busiest point first and closed points after open ones", () => {
    const p = (name: string, load: number, closed = false) => ({ name, load, samples: load * 10, closed });
    expect(
      sortBusiestFirst([p("甲", 0.5), p("乙", 1.2), p("丙", 0, true), p("丁", 0)]).map((x) => x.name),
    ).toEqual(["乙", "甲", "丁", "丙"]);
  });
});
