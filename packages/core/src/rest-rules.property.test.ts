/**
 * The rest rules against a literal reading of them, counted quarter-hour by quarter-hour over six
 * days: every 24 h or 7 days wherever they start, every 24 h that start on duty, every gear stretch.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRoster, type RestRuleId, RestRules, type RosterShift, wouldViolate } from "./rest-rules";

const QUARTER = 15 * 60_000;
const T0 = Date.UTC(2026, 11, 1, 0);
const HORIZON = 6 * 96; // quarters
const DAY = 96;
const WEEK = 7 * DAY;

interface Slots {
  start: number;
  end: number;
  gear: boolean;
}

const toShift = (s: Slots, personId = "p1"): RosterShift => ({
  personId,
  start: T0 + s.start * QUARTER,
  end: T0 + s.end * QUARTER,
  zone: s.gear ? "sampling" : "queue",
});

const slotsArb = fc
  .record({
    start: fc.integer({ min: 0, max: HORIZON - 1 }),
    length: fc.integer({ min: 1, max: 48 }),
    gear: fc.boolean(),
  })
  .map(({ start, length, gear }) => ({ start, end: Math.min(HORIZON, start + length), gear }));
/** Shifts one after another, with pauses and lengths often right at a rule's edge. */
const chainedArb = fc
  .array(
    fc.record({
      pause: fc.oneof(fc.constantFrom(-2, 0, 1, 2, 4, 28, 32, 36, 64), fc.integer({ min: 0, max: 96 })),
      length: fc.oneof(fc.constantFrom(8, 12, 16, 24, 32, 48), fc.integer({ min: 1, max: 48 })),
      gear: fc.boolean(),
    }),
    { maxLength: 24 },
  )
  .map((steps) => {
    const roster: Slots[] = [];
    let at = 0;
    for (const { pause, length, gear } of steps) {
      const start = Math.max(0, at + pause);
      const end = Math.min(HORIZON, start + length);
      if (end > start) roster.push({ start, end, gear });
      at = end;
    }
    return roster;
  });
const rosterArb = fc.oneof(fc.array(slotsArb, { maxLength: 16 }), chainedArb);
const rulesArb = fc
  .record({
    maxGearHours: fc.integer({ min: 2, max: 8 }),
    maxHoursPer24h: fc.integer({ min: 6, max: 14 }),
    minRestPer24h: fc.integer({ min: 0, max: 10 }),
    maxHoursPer7d: fc.integer({ min: 20, max: 60 }),
    breakMinutes: fc.constantFrom(0, 15, 30, 60),
  })
  .map((r) => RestRules.parse({ ...r, gearZones: ["sampling"] }));

/** Which rules the roster breaks, read literally, quarter by quarter. */
function literalBreaks(roster: readonly Slots[], rules: RestRules): Set<RestRuleId> {
  const broken = new Set<RestRuleId>();
  const cover = new Array<number>(HORIZON).fill(0);
  const gear = new Array<boolean>(HORIZON).fill(false);
  for (const s of roster)
    for (let q = s.start; q < s.end; q++) {
      cover[q] = (cover[q] as number) + 1;
      if (s.gear) gear[q] = true;
    }
  if (cover.some((c) => c > 1)) broken.add("overlap");
  const onDuty = (q: number) => q >= 0 && q < HORIZON && (cover[q] as number) > 0;
  const before = [0];
  for (let q = 0; q < HORIZON; q++) before.push((before[q] as number) + (onDuty(q) ? 1 : 0));
  const clamp = (q: number) => Math.min(HORIZON, Math.max(0, q));
  const dutyIn = (from: number, to: number) =>
    (before[clamp(to)] as number) - (before[clamp(from)] as number);
  for (let t = -DAY; t < HORIZON; t++)
    if (dutyIn(t, t + DAY) > rules.maxHoursPer24h * 4) broken.add("hours_24h");
  for (let t = -WEEK; t < HORIZON; t++)
    if (dutyIn(t, t + WEEK) > rules.maxHoursPer7d * 4) broken.add("hours_7d");
  if (rules.minRestPer24h > 0) {
    for (let t = 0; t < HORIZON; t++) {
      if (!onDuty(t)) continue;
      let longest = 0;
      let run = 0;
      for (let q = t; q < t + DAY; q++) {
        run = onDuty(q) ? 0 : run + 1;
        longest = Math.max(longest, run);
      }
      if (longest < rules.minRestPer24h * 4) broken.add("rest_24h");
    }
  }
  // Gear: fill pauses shorter than the break between gear quarters, then measure the runs.
  const filled = [...gear];
  let lastGear = -1;
  for (let q = 0; q < HORIZON; q++) {
    if (!gear[q]) continue;
    if (lastGear >= 0 && (q - lastGear - 1) * 15 < rules.breakMinutes)
      for (let u = lastGear; u < q; u++) filled[u] = true;
    lastGear = q;
  }
  let run = 0;
  for (let q = 0; q < HORIZON; q++) {
    run = filled[q] ? run + 1 : 0;
    if (run > rules.maxGearHours * 4) broken.add("gear_hours");
  }
  return broken;
}

const runs = { numRuns: 300 };

describe("rest rules against their literal reading", () => {
  it("break exactly the rules the quarter-by-quarter count breaks", () => {
    fc.assert(
      fc.property(rosterArb, rulesArb, (roster, rules) => {
        const found = new Set(
          checkRoster(
            roster.map((s) => toShift(s)),
            rules,
          ).map((v) => v.rule),
        );
        expect([...found].sort()).toEqual([...literalBreaks(roster, rules)].sort());
      }),
      runs,
    );
  });

  it("report windows that hold what they say", () => {
    fc.assert(
      fc.property(rosterArb, rulesArb, (roster, rules) => {
        const shifts = roster.map((s) => toShift(s));
        const dutyIn = (from: number, to: number) =>
          shifts.reduce((n, s) => n + Math.max(0, Math.min(s.end, to) - Math.max(s.start, from)), 0);
        const overlapFree = checkRoster(shifts, rules).every((v) => v.rule !== "overlap");
        for (const v of checkRoster(shifts, rules)) {
          if (v.rule === "hours_24h" || v.rule === "hours_7d") {
            expect(v.to - v.from).toBe((v.rule === "hours_24h" ? 24 : 168) * 3_600_000);
            expect(v.hours).toBeGreaterThan(v.limit);
            if (overlapFree) expect(dutyIn(v.from, v.to) / 3_600_000).toBeCloseTo(v.hours, 9);
          } else if (v.rule === "rest_24h") {
            expect(shifts.some((s) => s.start === v.from)).toBe(true);
            expect(v.hours).toBeLessThan(v.limit);
          } else if (v.rule === "gear_hours") {
            expect((v.to - v.from) / 3_600_000).toBe(v.hours);
            expect(v.hours).toBeGreaterThan(v.limit);
          }
        }
      }),
      runs,
    );
  });
});

describe("wouldViolate against checkRoster", () => {
  it("a roster built only from shifts wouldViolate allows is clean, and it allows a shift exactly when the roster stays clean", () => {
    fc.assert(
      fc.property(rosterArb, slotsArb, rulesArb, (tries, last, rules) => {
        const roster: RosterShift[] = [];
        for (const s of tries) {
          const shift = toShift(s);
          if (wouldViolate(roster, shift, rules).length === 0) roster.push(shift);
        }
        expect(checkRoster(roster, rules)).toEqual([]);
        const candidate = toShift(last);
        const allowed = wouldViolate(roster, candidate, rules).length === 0;
        expect(allowed).toBe(checkRoster([...roster, candidate], rules).length === 0);
      }),
      runs,
    );
  });

  it("blames a candidate only for breaches the roster with it shows", () => {
    fc.assert(
      fc.property(rosterArb, slotsArb, rulesArb, (roster, last, rules) => {
        const existing = roster.map((s) => toShift(s));
        const candidate = toShift(last);
        const before = checkRoster(existing, rules).length;
        const blamed = wouldViolate(existing, candidate, rules);
        const after = checkRoster([...existing, candidate], rules);
        // What the candidate is blamed for shows in the roster with it; adding a shift never cures a breach.
        for (const v of blamed) expect(after.some((a) => a.rule === v.rule)).toBe(true);
        if (after.length === 0) expect(before).toBe(0);
      }),
      runs,
    );
  });
});
