/**
 * Re-scheduling a running round: when a point closes or its lanes or windows change, only the
 * households that are not yet sampled and whose slot is affected move; everyone else keeps the
 * slot they were told. Households in scope with no slot yet (moved in since) are placed too.
 * Pure and deterministic, like the first allocation.
 */
import {
  type AllocationHousehold,
  type AllocationOptions,
  type AllocationPoint,
  makeSlots,
  type Unassigned,
} from "./slot-allocation";

export interface StoredSlot {
  id: string;
  pointId: string;
  start: number;
  end: number;
  capacity: number;
}

export interface StoredAssignment {
  householdId: string;
  slotId: string;
  /** People the slot holds for this household. */
  people: number;
  /** Every walker of the household has been sampled: the assignment is history, never moved. */
  done: boolean;
}

export interface ReallocatedSlot {
  /** The stored slot this continues, or undefined for a new one (a new window, more hours). */
  id: string | undefined;
  pointId: string;
  start: number;
  end: number;
  capacity: number;
  booked: number;
}

export interface Move {
  householdId: string;
  pointId: string;
  start: number;
  end: number;
  people: number;
  /** The household had a slot before (it must be told again); false for a first placement. */
  moved: boolean;
}

export interface Reallocation {
  slots: ReallocatedSlot[];
  /** Stored slots that no longer exist and hold nobody. */
  removedSlotIds: string[];
  /** Households that keep their stored slot. */
  kept: string[];
  moves: Move[];
  /** Households that had to move (or needed a slot) and found none. */
  unassigned: Unassigned[];
}

export interface ReallocationInput {
  /** The open points with their current lanes, rates and windows (closed points are left out). */
  points: readonly AllocationPoint[];
  slots: readonly StoredSlot[];
  assignments: readonly StoredAssignment[];
  /**
   * Every household that has a stored assignment or needs one, with its point as served now and
   * `walkers` = its walkers not yet sampled.
   */
  households: readonly AllocationHousehold[];
  /** Epoch ms: nobody is moved into a slot that has started. */
  now: number;
  options: AllocationOptions;
}

const key = (pointId: string, start: number) => `${pointId}|${start}`;

export function reallocateSlots(input: ReallocationInput): Reallocation {
  const { options, now } = input;
  const info = new Map(input.households.map((h) => [h.id, h]));
  const fresh = new Map<string, ReallocatedSlot>();
  for (const p of input.points) {
    for (const s of makeSlots(p, options)) fresh.set(key(s.pointId, s.start), { ...s, id: undefined });
  }
  const bySlot = new Map<string, StoredAssignment[]>();
  for (const a of input.assignments) {
    const list = bySlot.get(a.slotId) ?? [];
    list.push(a);
    bySlot.set(a.slotId, list);
  }

  const kept: string[] = [];
  const toPlace: { household: AllocationHousehold; moved: boolean }[] = [];
  const slots: ReallocatedSlot[] = [];
  const removedSlotIds: string[] = [];
  for (const old of input.slots) {
    const next = fresh.get(key(old.pointId, old.start));
    const list = (bySlot.get(old.id) ?? []).sort((a, b) =>
      byAddress(info.get(a.householdId), info.get(b.householdId)),
    );
    // Sampled households first: they stay whatever happens; then the rest in door order while they fit.
    const ordered = [...list.filter((a) => a.done), ...list.filter((a) => !a.done)];
    let booked = 0;
    for (const a of ordered) {
      const fits = next !== undefined && booked + a.people <= next.capacity;
      const household = info.get(a.householdId);
      // Nobody left to come (or unknown): nothing to move, the row stays as the record.
      if (a.done || fits || !household || household.walkers === 0) {
        booked += a.people;
        kept.push(a.householdId);
      } else {
        toPlace.push({ household, moved: true });
      }
    }
    if (next) {
      fresh.delete(key(old.pointId, old.start));
      slots.push({ ...next, id: old.id, capacity: Math.max(next.capacity, booked), booked });
    } else if (booked > 0) {
      // The point closed or the window went, but sampled people were seen here: keep the record.
      slots.push({
        id: old.id,
        pointId: old.pointId,
        start: old.start,
        end: old.end,
        capacity: booked,
        booked,
      });
    } else {
      removedSlotIds.push(old.id);
    }
  }
  for (const s of fresh.values()) slots.push(s);

  const assigned = new Set(input.assignments.map((a) => a.householdId));
  for (const h of input.households) {
    if (!assigned.has(h.id) && h.walkers > 0) toPlace.push({ household: h, moved: false });
  }

  const open = new Set(input.points.map((p) => p.id));
  const byPoint = new Map<string, ReallocatedSlot[]>();
  for (const s of [...slots].sort((a, b) => a.start - b.start)) {
    if (s.start < now || !open.has(s.pointId)) continue;
    const list = byPoint.get(s.pointId) ?? [];
    list.push(s);
    byPoint.set(s.pointId, list);
  }
  const moves: Move[] = [];
  const unassigned: Unassigned[] = [];
  const queues = new Map<string, { household: AllocationHousehold; moved: boolean }[]>();
  for (const item of toPlace) {
    const pointId = item.household.pointId;
    if (!pointId || !open.has(pointId)) {
      unassigned.push({ householdId: item.household.id, reason: "no_point", people: item.household.walkers });
      continue;
    }
    const list = queues.get(pointId) ?? [];
    list.push(item);
    queues.set(pointId, list);
  }
  for (const [pointId, queue] of [...queues].sort(([a], [b]) => (a < b ? -1 : 1))) {
    queue.sort((a, b) => byAddress(a.household, b.household));
    const future = byPoint.get(pointId) ?? [];
    const largest = future.reduce((m, s) => Math.max(m, s.capacity), 0);
    let at = 0;
    for (const { household, moved } of queue) {
      if (household.walkers > largest) {
        const reason = future.length ? "household_larger_than_slot" : "no_capacity";
        unassigned.push({ householdId: household.id, reason, people: household.walkers });
        continue;
      }
      while (at < future.length && free(future[at] as ReallocatedSlot) < household.walkers) at++;
      const slot = future[at];
      if (!slot) {
        unassigned.push({ householdId: household.id, reason: "no_capacity", people: household.walkers });
        continue;
      }
      slot.booked += household.walkers;
      moves.push({
        householdId: household.id,
        pointId,
        start: slot.start,
        end: slot.end,
        people: household.walkers,
        moved,
      });
    }
  }
  return { slots, removedSlotIds, kept, moves, unassigned };
}

const free = (s: ReallocatedSlot) => s.capacity - s.booked;

function byAddress(a: AllocationHousehold | undefined, b: AllocationHousehold | undefined): number {
  const ka = a?.addressKey ?? "";
  const kb = b?.addressKey ?? "";
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ia = a?.id ?? "";
  const ib = b?.id ?? "";
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
