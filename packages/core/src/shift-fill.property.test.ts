/**
 * What a proposal may never do, over random points, zones, windows, teams, availability, shifts
 * already held and rest rules of a round.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRoster, RestRules, type RosterShift, wouldViolate } from "./rest-rules";
import { buildProposedRoster, type FillWorker, proposeFill, type ShiftDemand } from "./shift-fill";
import { findZoneRequirement, QUALIFICATIONS, WORK_ZONES } from "./work-zones";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 0);
const at = (hours: number) => T0 + hours * HOUR;

const demandsArb = fc
  .array(
    fc.record({
      point: fc.integer({ min: 1, max: 4 }),
      zone: fc.constantFrom(...WORK_ZONES, "queue", "queue", "flag_raising"),
      start: fc.integer({ min: 0, max: 47 }),
      length: fc.constantFrom(1, 2, 2, 2, 3, 4, 6),
      needed: fc.integer({ min: 0, max: 4 }),
      qualification: fc.option(fc.constantFrom(...QUALIFICATIONS), { freq: 5 }),
      community: fc.constantFrom("c1", "c2", undefined),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map(
      (r, i): ShiftDemand => ({
        id: `d${i}`,
        pointId: `p${r.point}`,
        zone: r.zone,
        startsAt: at(r.start),
        endsAt: at(r.start + r.length),
        needed: r.needed,
        ...(r.qualification !== null && { qualification: r.qualification }),
        ...(r.community !== undefined && { communityId: r.community }),
      }),
    ),
  );

const windowArb = fc
  .record({ start: fc.integer({ min: -6, max: 48 }), length: fc.integer({ min: 1, max: 30 }) })
  .map(({ start, length }) => ({ start: at(start), end: at(start + length) }));

const workersArb = fc
  .array(
    fc.record({
      swab: fc.boolean(),
      others: fc.subarray([...QUALIFICATIONS.slice(1)]),
      availability: fc.array(windowArb, { minLength: 0, maxLength: 3 }),
      community: fc.constantFrom("c1", "c2", undefined),
      held: fc.array(
        fc.record({
          start: fc.integer({ min: -48, max: 40 }),
          length: fc.integer({ min: 1, max: 8 }),
          zone: fc.constantFrom(...WORK_ZONES),
        }),
        { maxLength: 4 },
      ),
    }),
    { maxLength: 25 },
  )
  .map((rows) =>
    rows.map(
      (r, i): FillWorker => ({
        id: `w${String(i).padStart(2, "0")}`,
        qualifications: r.swab ? ["may_swab", ...r.others] : r.others,
        availability: r.availability,
        ...(r.community !== undefined && { homeCommunityId: r.community }),
        existingShifts: r.held.map((h) => ({
          start: at(h.start),
          end: at(h.start + h.length),
          zone: h.zone,
        })),
      }),
    ),
  );

const rulesArb = fc
  .record({
    maxGearHours: fc.integer({ min: 2, max: 8 }),
    maxHoursPer24h: fc.integer({ min: 4, max: 14 }),
    minRestPer24h: fc.integer({ min: 0, max: 12 }),
    maxHoursPer7d: fc.integer({ min: 12, max: 60 }),
    breakMinutes: fc.constantFrom(0, 30, 60),
  })
  .map((r) => RestRules.parse(r));

/** Shifts already held are kept only where they break no rule, as a real roster would be. */
function keepCleanHistory(workers: FillWorker[], rules: RestRules): FillWorker[] {
  return workers.map((w) => {
    const kept: RosterShift[] = [];
    for (const s of w.existingShifts) {
      const shift = { personId: w.id, ...s };
      if (wouldViolate(kept, shift, rules).length === 0) kept.push(shift);
    }
    return { ...w, existingShifts: kept.map(({ start, end, zone }) => ({ start, end, zone })) };
  });
}

const covers = (windows: FillWorker["availability"], d: ShiftDemand) => {
  // Touching windows count as one.
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  let reach = d.startsAt;
  for (const w of sorted) if (w.start <= reach && w.end > reach) reach = w.end;
  return reach >= d.endsAt;
};

describe("proposeFill properties", () => {
  it("breaks no rule, respects qualifications and availability, and accounts for every person needed", () => {
    fc.assert(
      fc.property(
        demandsArb,
        workersArb,
        rulesArb,
        fc.integer({ min: 0, max: 8 }),
        (demands, raw, rules, slack) => {
          const workers = keepCleanHistory(raw, rules);
          const result = proposeFill(demands, workers, { rules, continuitySlackHours: slack });
          const roster = buildProposedRoster(demands, workers, result.assignments);

          // No rule broken: no over-long gear stretch, day, week or duty span, and nobody in two places.
          expect(checkRoster(roster, rules)).toEqual([]);

          const demandById = new Map(demands.map((d) => [d.id, d]));
          const workerById = new Map(workers.map((w) => [w.id, w]));
          const pairs = new Set<string>();
          for (const a of result.assignments) {
            const d = demandById.get(a.demandId) as ShiftDemand;
            const w = workerById.get(a.workerId) as FillWorker;
            const zoneNeeds = findZoneRequirement(d.zone);
            if (zoneNeeds) expect(w.qualifications).toContain(zoneNeeds);
            if (d.zone === "sampling" || d.zone === "home_run")
              expect(w.qualifications).toContain("may_swab");
            if (d.qualification) expect(w.qualifications).toContain(d.qualification);
            expect(covers(w.availability, d)).toBe(true);
            pairs.add(`${a.demandId}/${a.workerId}`);
          }
          expect(pairs.size).toBe(result.assignments.length);

          // Each person's shifts, proposed and held, never overlap.
          const byWorker = new Map<string, { start: number; end: number }[]>();
          for (const s of roster) byWorker.set(s.personId, [...(byWorker.get(s.personId) ?? []), s]);
          for (const shifts of byWorker.values()) {
            shifts.sort((a, b) => a.start - b.start);
            for (let i = 1; i < shifts.length; i++)
              expect((shifts[i] as RosterShift).start).toBeGreaterThanOrEqual(
                (shifts[i - 1] as RosterShift).end,
              );
          }

          for (const d of demands) {
            const assigned = result.assignments.filter((a) => a.demandId === d.id).length;
            const missing = result.gaps.find((g) => g.demandId === d.id)?.missing ?? 0;
            expect(assigned).toBeLessThanOrEqual(d.needed);
            expect(assigned + missing).toBe(d.needed);
          }
          expect(result.gaps.every((g) => g.missing > 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same proposal for the same input in any order", () => {
    fc.assert(
      fc.property(demandsArb, workersArb, rulesArb, (demands, raw, rules) => {
        const workers = keepCleanHistory(raw, rules);
        const one = proposeFill(demands, workers, { rules });
        const two = proposeFill([...demands].reverse(), [...workers].reverse(), { rules });
        const key = (r: typeof one) => ({
          assignments: [...r.assignments].map((a) => `${a.demandId}/${a.workerId}`).sort(),
          gaps: [...r.gaps].map((g) => `${g.demandId}/${g.missing}`).sort(),
        });
        expect(key(two)).toEqual(key(one));
      }),
      { numRuns: 200 },
    );
  });
});
