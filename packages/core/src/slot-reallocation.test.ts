import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationHousehold,
  type AllocationOptions,
  type AllocationPoint,
  allocateSlots,
} from "./slot-allocation";
import {
  type ReallocationInput,
  reallocateSlots,
  type StoredAssignment,
  type StoredSlot,
} from "./slot-reallocation";

const HOUR = 3_600_000;
const NOON = Date.UTC(2026, 11, 1, 4); // 12:00 in Beijing
const options: AllocationOptions = { slotMinutes: 60, headroom: 0, homeRunSize: 12 };

const point = (id: string, lanes = 1, hours = 4, perLanePerHour = 10): AllocationPoint => ({
  id,
  lanes,
  perLanePerHour,
  windows: [{ start: NOON, end: NOON + hours * HOUR }],
});

const household = (i: number, over: Partial<AllocationHousehold> = {}): AllocationHousehold => ({
  id: `h${String(i).padStart(4, "0")}`,
  buildingId: "b1",
  pointId: "p1",
  addressKey: `k${String(i).padStart(6, "0")}`,
  walkers: 2,
  homebound: 0,
  ...over,
});

/** Schedules with allocateSlots and returns what the database would hold. */
function stored(households: AllocationHousehold[], points: AllocationPoint[]) {
  const allocation = allocateSlots(households, points, options);
  const slots: StoredSlot[] = allocation.slots.map((s) => ({ ...s, id: `${s.pointId}@${s.start}` }));
  const assignments: StoredAssignment[] = allocation.assignments.map((a) => ({
    householdId: a.householdId,
    slotId: `${a.pointId}@${a.start}`,
    people: a.people,
    done: false,
  }));
  return { slots, assignments };
}

describe("reallocateSlots", () => {
  it("moves nobody when nothing changed", () => {
    const households = Array.from({ length: 12 }, (_, i) => household(i));
    const points = [point("p1")];
    const result = reallocateSlots({ ...stored(households, points), points, households, now: NOON, options });
    expect(result.moves).toEqual([]);
    expect(result.kept).toHaveLength(12);
    expect(result.unassigned).toEqual([]);
  });

  it("when lanes drop, keeps the first doors of each slot and moves the rest to later free slots", () => {
    // 2 lanes × 10/h: 10 households of 2 per hour, 4 hours; 16 households fill 12:00 and 13:00 (… 14:00).
    const households = Array.from({ length: 16 }, (_, i) => household(i));
    const before = stored(households, [point("p1", 2)]);
    const after = [point("p1", 1)]; // now 5 households per hour
    const result = reallocateSlots({ ...before, points: after, households, now: NOON - HOUR, options });
    const moved = result.moves.map((m) => m.householdId);
    // 12:00 had h0000–h0009: h0005–h0009 move; 13:00 had h0010–h0015: h0015 moves.
    expect(moved).toEqual(["h0005", "h0006", "h0007", "h0008", "h0009", "h0015"]);
    expect(result.moves.every((m) => m.start >= NOON + 2 * HOUR && m.moved)).toBe(true);
    expect(result.slots.every((s) => s.booked <= s.capacity)).toBe(true);
  });

  it("never moves sampled households, and never into a slot that has started", () => {
    const households = Array.from({ length: 10 }, (_, i) => household(i));
    const before = stored(households, [point("p1", 1), point("p2", 1)]);
    const done = new Set(["h0000", "h0001"]);
    const assignments = before.assignments.map((a) => ({ ...a, done: done.has(a.householdId) }));
    // p1 closes at 13:30; its people go to p2.
    const moved = households.map((h) => ({ ...h, pointId: "p2" }));
    const result = reallocateSlots({
      slots: before.slots,
      assignments,
      points: [point("p2", 1)],
      households: moved,
      now: NOON + 1.5 * HOUR,
      options,
    });
    expect(result.kept).toEqual(expect.arrayContaining(["h0000", "h0001"]));
    expect(result.moves.map((m) => m.householdId)).not.toContain("h0000");
    expect(result.moves.every((m) => m.start >= NOON + 1.5 * HOUR && m.pointId === "p2")).toBe(true);
    // The closed point's first slot keeps the record of the two sampled households.
    const record = result.slots.find((s) => s.pointId === "p1");
    expect(record?.booked).toBe(4);
  });

  it("places households that have no slot yet, and says why when it cannot", () => {
    const households = [household(1), household(2, { pointId: "gone" }), household(3, { walkers: 50 })];
    const points = [point("p1")];
    const result = reallocateSlots({ slots: [], assignments: [], points, households, now: NOON, options });
    expect(result.moves.map((m) => [m.householdId, m.moved])).toEqual([["h0001", false]]);
    expect(result.unassigned.map((u) => [u.householdId, u.reason])).toEqual([
      ["h0002", "no_point"],
      ["h0003", "household_larger_than_slot"],
    ]);
  });

  it("property: no slot over capacity, every household kept, moved or listed once, sampled never moved", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 5 }),
        fc.func(fc.boolean()),
        (sizes, lanesBefore, lanesAfter, closeP2, nowHour, isDone) => {
          const households = sizes.map((walkers, i) =>
            household(i, { walkers, pointId: i % 2 ? "p2" : "p1" }),
          );
          const before = stored(households, [point("p1", lanesBefore), point("p2", lanesBefore)]);
          const assignments = before.assignments.map((a) => ({ ...a, done: isDone(a.householdId) }));
          const points = closeP2
            ? [point("p1", lanesAfter)]
            : [point("p1", lanesAfter), point("p2", lanesAfter)];
          const now = NOON + nowHour * HOUR;
          const input: ReallocationInput = {
            slots: before.slots,
            assignments,
            points,
            households: households.map((h) => (closeP2 ? { ...h, pointId: "p1" } : h)),
            now,
            options,
          };
          const result = reallocateSlots(input);
          for (const s of result.slots) expect(s.booked).toBeLessThanOrEqual(s.capacity);
          const seen = [
            ...result.kept,
            ...result.moves.map((m) => m.householdId),
            ...result.unassigned.map((u) => u.householdId),
          ];
          expect(new Set(seen).size).toBe(seen.length);
          expect(new Set(seen)).toEqual(new Set(households.map((h) => h.id)));
          for (const a of assignments) if (a.done) expect(result.kept).toContain(a.householdId);
          for (const m of result.moves) expect(m.start).toBeGreaterThanOrEqual(now);
          // Booked totals agree with what is kept and moved.
          const booked = result.slots.reduce((n, s) => n + s.booked, 0);
          const keptPeople = assignments
            .filter((a) => result.kept.includes(a.householdId))
            .reduce((n, a) => n + a.people, 0);
          expect(booked).toBe(keptPeople + result.moves.reduce((n, m) => n + m.people, 0));
        },
      ),
      { numRuns: 300 },
    );
  });
});
