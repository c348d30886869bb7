import { describe, expect, it } from "vitest";
import { checkRoster, DEFAULT_REST_RULES, RestRules, type RosterShift, wouldViolate } from "./rest-rules";

const HOUR = 3_600_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 0); // 08:00 in Beijing
const at = (hours: number) => T0 + Math.round(hours * HOUR);
const shift = (from: number, to: number, zone = "queue", personId = "p1"): RosterShift => ({
  personId,
  start: at(from),
  end: at(to),
  zone,
});
const rules = DEFAULT_REST_RULES;
const ruleIds = (shifts: RosterShift[]) => checkRoster(shifts, rules).map((v) => v.rule);

describe("rest rules: the defaults", () => {
  it("are 6 h in gear, 12 h in 24, 8 h rest in 24, 60 h in 7 days, a 30-minute break, gear for sampling, disinfection and home runs", () => {
    expect(DEFAULT_REST_RULES).toEqual({
      maxGearHours: 6,
      maxHoursPer24h: 12,
      minRestPer24h: 8,
      maxHoursPer7d: 60,
      breakMinutes: 30,
      gearZones: ["sampling", "disinfection", "home_run"],
    });
    expect(RestRules.parse({ maxHoursPer7d: 48 }).maxHoursPer7d).toBe(48);
    expect(RestRules.safeParse({ minRestPer24h: 20 }).success).toBe(false);
  });
});

describe("rest rules: continuous duty in protective gear", () => {
  it("allows exactly 6 h of sampling made of two touching shifts, not 6 h 1 min", () => {
    expect(ruleIds([shift(0, 3, "sampling"), shift(3, 6, "sampling")])).toEqual([]);
    const over = checkRoster([shift(0, 3, "sampling"), shift(3, 6 + 1 / 60, "sampling")], rules);
    expect(over).toEqual([
      { rule: "gear_hours", personId: "p1", from: at(0), to: at(6) + MIN, hours: 6 + 1 / 60, limit: 6 },
    ]);
  });

  it("counts a pause shorter than the break as gear time, and a full 30-minute break as the end of a stretch", () => {
    const pause = (minutes: number) => [
      shift(0, 3, "sampling"),
      shift(3 + minutes / 60, 6 + minutes / 60, "sampling"),
    ];
    expect(checkRoster(pause(29), rules).map((v) => [v.rule, v.hours])).toEqual([
      ["gear_hours", 6 + 29 / 60],
    ]);
    expect(ruleIds(pause(30))).toEqual([]);
  });

  it("does not count a zone without gear, even between two gear shifts", () => {
    expect(ruleIds([shift(0, 8, "registration")])).toEqual([]);
    expect(
      ruleIds([shift(0, 4, "sampling"), shift(4, 5, "registration"), shift(5, 9, "disinfection")]),
    ).toEqual([]);
  });

  it("follows the round's own list of gear zones and break", () => {
    const round = RestRules.parse({ gearZones: ["queue"], breakMinutes: 60 });
    expect(checkRoster([shift(0, 4), shift(4.75, 7)], round).map((v) => v.rule)).toEqual(["gear_hours"]);
    expect(checkRoster([shift(0, 7, "sampling")], round)).toEqual([]);
  });
});

describe("rest rules: hours in any 24 h", () => {
  it("allows exactly 12 h in a day, not 12 h 1 min", () => {
    expect(ruleIds([shift(0, 12)])).toEqual([]);
    expect(ruleIds([shift(0, 12 + 1 / 60)])).toEqual(["hours_24h"]);
  });

  it("measures any 24 h, not calendar days: a day shift and the next dawn shift make 13 h", () => {
    // 08:00–16:00, then 03:00–09:00 the next morning (11 h of rest between): 13 h from 08:00 to 08:00.
    const found = checkRoster([shift(0, 8), shift(19, 25)], rules);
    expect(found).toEqual([
      { rule: "hours_24h", personId: "p1", from: at(0), to: at(24), hours: 13, limit: 12 },
    ]);
  });

  it("reports a long run of overwork once, by its busiest 24 h", () => {
    // The 71-year-old veteran: 12 h on the queue two days running, with 4 h of sleep between.
    const found = checkRoster([shift(0, 12), shift(16, 28)], rules).filter((v) => v.rule === "hours_24h");
    expect(found).toHaveLength(1);
    expect(found[0]?.hours).toBe(20);
  });
});

describe("rest rules: 8 h of rest in any 24 h", () => {
  it("is met by a 12-hour day shift with 12-hour nights, though a window starting at 02:00 cuts each night in two", () => {
    const days = [0, 1, 2].map((d) => shift(24 * d, 24 * d + 12));
    expect(ruleIds(days)).toEqual([]);
  });

  it("allows a 16-hour duty span with breaks followed by exactly 8 h of rest", () => {
    // 06:00–11:00 and 16:00–22:00 (11 h of duty over 16 h), then back at 06:00.
    const roster = [shift(-2, 3), shift(8, 14), shift(22, 26)];
    expect(ruleIds(roster)).toEqual([]);
  });

  it("flags the same span a minute longer: the 24 h from its start hold 7 h 59 min of rest at most", () => {
    const roster = [shift(-2, 3), shift(8, 14 + 1 / 60), shift(22, 26)];
    expect(checkRoster(roster, rules)).toEqual([
      { rule: "rest_24h", personId: "p1", from: at(-2), to: at(22), hours: 8 - 1 / 60, limit: 8 },
    ]);
  });

  it("flags the staff who slept 2 hours in 2 days, even under 12 h of duty in any 24", () => {
    // Three hours on, three hours off, for two days: 12 h in every 24, never more than 3 h of rest.
    const roster = Array.from({ length: 8 }, (_, i) => shift(6 * i, 6 * i + 3));
    const found = checkRoster(roster, rules);
    expect(found.map((v) => v.rule)).toEqual(["rest_24h"]);
    expect(found[0]).toMatchObject({ from: at(0), to: at(24), hours: 3, limit: 8 });
  });

  it("can be switched off with 0", () => {
    const roster = Array.from({ length: 8 }, (_, i) => shift(6 * i, 6 * i + 3));
    expect(checkRoster(roster, RestRules.parse({ minRestPer24h: 0 }))).toEqual([]);
  });
});

describe("rest rules: hours in 7 days", () => {
  // 08:00–16:00 every day for a week, and 18:00–22:00 on the seventh day: 60 h (12 h that day).
  const week = (extraMinutes: number) => [
    shift(-extraMinutes / 60, 8),
    ...Array.from({ length: 6 }, (_, d) => shift(24 * (d + 1), 24 * (d + 1) + 8)),
    shift(24 * 6 + 10, 24 * 6 + 14),
  ];

  it("allows exactly 60 h in 7 days, not 60 h 1 min", () => {
    expect(ruleIds(week(0))).toEqual([]);
    const found = checkRoster(week(1), rules);
    expect(found.map((v) => [v.rule, v.hours, v.limit, (v.to - v.from) / HOUR])).toEqual([
      ["hours_7d", 60 + 1 / 60, 60, 168],
    ]);
  });
});

describe("rest rules: bad rosters", () => {
  it("finds one person in two places at once, but not in two touching shifts", () => {
    expect(ruleIds([shift(0, 2), shift(2, 4, "triage")])).toEqual([]);
    expect(checkRoster([shift(0, 3), shift(2, 4, "triage")], rules)).toEqual([
      { rule: "overlap", personId: "p1", from: at(2), to: at(3), hours: 1, limit: 0 },
    ]);
  });

  it("reports a shift that ends before it starts instead of counting it", () => {
    expect(ruleIds([shift(5, 3)])).toEqual(["invalid_time"]);
  });

  it("keeps people apart", () => {
    expect(ruleIds([shift(0, 8, "queue", "a"), shift(8, 16, "queue", "b")])).toEqual([]);
  });
});

describe("wouldViolate", () => {
  it("blocks a third 3-hour sampling shift and allows registration instead", () => {
    const existing = [shift(0, 3, "sampling"), shift(3, 6, "sampling")];
    expect(wouldViolate(existing, shift(6, 8, "sampling"), rules).map((v) => v.rule)).toEqual(["gear_hours"]);
    expect(wouldViolate(existing, shift(6, 8, "registration"), rules)).toEqual([]);
  });

  it("looks only at the person the candidate is for", () => {
    const existing = [shift(0, 12, "queue", "other")];
    expect(wouldViolate(existing, shift(0, 12), rules)).toEqual([]);
  });

  it("does not blame a new shift for last week's overwork it does not touch", () => {
    const lastWeek = Array.from({ length: 3 }, (_, d) => shift(24 * d - 200, 24 * d - 186)); // 14 h days
    expect(checkRoster(lastWeek, rules).length).toBeGreaterThan(0);
    expect(wouldViolate(lastWeek, shift(0, 8), rules)).toEqual([]);
  });

  it("reports the overlap with a shift already held", () => {
    expect(wouldViolate([shift(0, 4)], shift(3, 5), rules).map((v) => v.rule)).toEqual(["overlap"]);
  });
});
