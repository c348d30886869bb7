import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationHousehold,
  type AllocationOptions,
  type AllocationPoint,
  allocateSlots,
  makeSlots,
  planHomeRuns,
} from "./slot-allocation";

const HOUR = 3_600_000;
const NOON = Date.UTC(2026, 11, 1, 4); // 12:00 in Beijing
const options: AllocationOptions = { slotMinutes: 60, headroom: 0.1, homeRunSize: 12 };

const point = (over: Partial<AllocationPoint> = {}): AllocationPoint => ({
  id: "p1",
  lanes: 2,
  perLanePerHour: 50,
  windows: [{ start: NOON, end: NOON + 4 * HOUR }],
  ...over,
});

const household = (i: number, over: Partial<AllocationHousehold> = {}): AllocationHousehold => ({
  id: `h${String(i).padStart(4, "0")}`,
  buildingId: `b${Math.floor(i / 20)}`,
  pointId: "p1",
  addressKey: `k${String(i).padStart(6, "0")}`,
  walkers: 3,
  homebound: 0,
  ...over,
});

describe("allocateSlots", () => {
  it("gives neighbours consecutive places in 12:00–13:00 style slots, keeping 10% headroom", () => {
    const households = Array.from({ length: 40 }, (_, i) => household(i));
    const result = allocateSlots(households, [point()], options);
    // 2 lanes × 50/h × 1 h × 0.9 = 90 people: 30 households of 3 per slot.
    expect(result.slots[0]?.capacity).toBe(90);
    expect(result.assignments.filter((a) => a.start === NOON)).toHaveLength(30);
    expect(result.assignments.find((a) => a.householdId === "h0030")?.start).toBe(NOON + HOUR);
    expect(result.finish).toBe(NOON + 2 * HOUR);
    expect(result.unassigned).toEqual([]);
  });

  it("says how many people and lane-hours are missing when a point cannot finish", () => {
    const households = Array.from({ length: 150 }, (_, i) => household(i));
    const result = allocateSlots(households, [point()], options);
    const load = result.points[0];
    expect(load?.capacity).toBe(360);
    expect(load?.shortPeople).toBe(450 - 360);
    // 90 people at 45 per lane-hour (50 less headroom) = 2 lane-hours.
    expect(load?.shortLaneHours).toBe(2);
    expect(result.unassigned.every((u) => u.reason === "no_capacity")).toBe(true);
  });

  it("lists households without a point, and ones too big for any slot, with their reason", () => {
    const result = allocateSlots(
      [household(1, { pointId: undefined }), household(2, { walkers: 200 })],
      [point()],
      options,
    );
    expect(result.unassigned).toEqual([
      { householdId: "h0001", reason: "no_point", people: 3 },
      { householdId: "h0002", reason: "household_larger_than_slot", people: 200 },
    ]);
  });

  it("sends bedridden residents to home runs by building, and no slot for a household that cannot come", () => {
    const result = allocateSlots(
      [household(1, { walkers: 0, homebound: 2 }), household(2, { walkers: 2, homebound: 1 })],
      [point()],
      options,
    );
    expect(result.assignments.map((a) => a.householdId)).toEqual(["h0002"]);
    expect(result.homeRuns).toEqual([
      {
        buildingId: "b0",
        stops: [
          { householdId: "h0001", people: 2 },
          { householdId: "h0002", people: 1 },
        ],
        people: 3,
      },
    ]);
  });

  it("splits opening windows that run through the night into slots, keeping a short last one", () => {
    const slots = makeSlots(
      point({ windows: [{ start: NOON + 10 * HOUR, end: NOON + 13.5 * HOUR }] }),
      options,
    );
    expect(slots.map((s) => (s.end - s.start) / HOUR)).toEqual([1, 1, 1, 0.5]);
    expect(slots[3]?.capacity).toBe(45);
  });
});

const householdsArb = fc
  .array(
    fc.record({
      walkers: fc.integer({ min: 0, max: 8 }),
      homebound: fc.integer({ min: 0, max: 2 }),
      point: fc.constantFrom("p1", "p2", undefined),
      key: fc.integer({ min: 0, max: 10_000 }),
    }),
    { maxLength: 300 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      household(i, {
        walkers: r.walkers,
        homebound: r.homebound,
        pointId: r.point,
        addressKey: `k${String(r.key).padStart(6, "0")}`,
        buildingId: `b${r.key % 7}`,
      }),
    ),
  );
const pointsArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 5, max: 40 }), fc.integer({ min: 1, max: 6 }))
  .map(([lanes, rate, hours]) => [
    point({ id: "p1", lanes, perLanePerHour: rate, windows: [{ start: NOON, end: NOON + hours * HOUR }] }),
    point({
      id: "p2",
      lanes: 1,
      perLanePerHour: rate,
      windows: [{ start: NOON + HOUR, end: NOON + 3 * HOUR }],
    }),
  ]);

describe("allocateSlots properties", () => {
  it("never books a slot over capacity; every household coming is placed once or listed with a reason", () => {
    fc.assert(
      fc.property(householdsArb, pointsArb, (households, points) => {
        const result = allocateSlots(households, points, options);
        for (const slot of result.slots) expect(slot.booked).toBeLessThanOrEqual(slot.capacity);
        const seen = [
          ...result.assignments.map((a) => a.householdId),
          ...result.unassigned.map((u) => u.householdId),
        ];
        expect(new Set(seen).size).toBe(seen.length);
        const coming = households.filter((h) => h.walkers > 0).map((h) => h.id);
        expect([...seen].sort()).toEqual([...coming].sort());
        // Never split: the whole household in its one slot.
        for (const a of result.assignments) {
          expect(a.people).toBe(households.find((h) => h.id === a.householdId)?.walkers);
        }
      }),
    );
  });

  it("keeps door order within a point: a later address never gets an earlier slot", () => {
    fc.assert(
      fc.property(householdsArb, pointsArb, (households, points) => {
        const result = allocateSlots(households, points, options);
        const key = new Map(households.map((h) => [h.id, `${h.addressKey}|${h.id}`]));
        for (const p of points) {
          const mine = result.assignments
            .filter((a) => a.pointId === p.id)
            .sort((a, b) => ((key.get(a.householdId) ?? "") < (key.get(b.householdId) ?? "") ? -1 : 1));
          for (let i = 1; i < mine.length; i++) {
            expect(mine[i]?.start).toBeGreaterThanOrEqual(mine[i - 1]?.start ?? 0);
          }
        }
      }),
    );
  });

  it("home runs hold every homebound resident once, one building each, within the run size", () => {
    fc.assert(
      fc.property(householdsArb, fc.integer({ min: 2, max: 20 }), (households, size) => {
        const runs = planHomeRuns(households, size);
        const total = households.reduce((n, h) => n + h.homebound, 0);
        expect(runs.reduce((n, r) => n + r.people, 0)).toBe(total);
        for (const run of runs) {
          expect(run.people).toBeLessThanOrEqual(size);
          for (const stop of run.stops) {
            expect(households.find((h) => h.id === stop.householdId)?.buildingId).toBe(run.buildingId);
          }
        }
      }),
    );
  });
});
