/**
 * Slot allocation for a testing round: every household in scope gets one time slot at one
 * collection point, in door-number order, never over a slot's capacity; residents who cannot come
 * (cannot walk, bedridden) go to home-sampling runs grouped by building. Pure and deterministic:
 * the same input gives the same schedule, so a re-run can be compared with the last one.
 */

export interface AllocationHousehold {
  id: string;
  buildingId: string;
  /** The point that serves this household's building; undefined when no point serves it. */
  pointId: string | undefined;
  /** Walking-order key (core/address-key.ts): slots follow it so neighbours come together. */
  addressKey: string;
  /** Residents who come to the point. */
  walkers: number;
  /** Residents sampled at home (cannot walk, bedridden). */
  homebound: number;
}

export interface AllocationWindow {
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

export interface AllocationPoint {
  id: string;
  lanes: number;
  /** People one sampling lane serves in an hour. */
  perLanePerHour: number;
  windows: AllocationWindow[];
}

export interface AllocationOptions {
  /** Length of one slot in minutes (60 gives 12:00–13:00). */
  slotMinutes: number;
  /** Share of a slot's capacity kept free for walk-ins and slow moments (0.1 = 10%). */
  headroom: number;
  /** People one home-sampling team sees in one run. */
  homeRunSize: number;
}

export interface AllocatedSlot {
  pointId: string;
  start: number;
  end: number;
  capacity: number;
  booked: number;
}

export interface SlotAssignment {
  householdId: string;
  pointId: string;
  start: number;
  end: number;
  people: number;
}

export interface HomeRun {
  buildingId: string;
  /** Households in door order, with how many of their residents are sampled at home. */
  stops: { householdId: string; people: number }[];
  people: number;
}

export type UnassignableReason = "no_point" | "household_larger_than_slot" | "no_capacity";

export interface Unassigned {
  householdId: string;
  reason: UnassignableReason;
  people: number;
}

export interface PointLoad {
  pointId: string;
  capacity: number;
  booked: number;
  /** End of the last slot with anyone booked, or undefined when nobody is booked. */
  finish: number | undefined;
  /** People that did not fit, and the lane-hours that would take them at this point's rate. */
  shortPeople: number;
  shortLaneHours: number;
}

export interface Allocation {
  slots: AllocatedSlot[];
  assignments: SlotAssignment[];
  homeRuns: HomeRun[];
  unassigned: Unassigned[];
  points: PointLoad[];
  /** The latest finish over all points. */
  finish: number | undefined;
}

/** People a slot takes: lanes × rate × its length, less the headroom, rounded down. */
export function slotCapacity(point: AllocationPoint, minutes: number, headroom: number): number {
  return Math.floor(point.lanes * point.perLanePerHour * (minutes / 60) * (1 - headroom));
}

/** Splits a point's opening windows into slots of the given length (a short last one is kept). */
export function makeSlots(point: AllocationPoint, options: AllocationOptions): AllocatedSlot[] {
  const step = options.slotMinutes * 60_000;
  const windows = [...point.windows].sort((a, b) => a.start - b.start);
  const slots: AllocatedSlot[] = [];
  for (const w of windows) {
    for (let start = w.start; start < w.end; start += step) {
      const end = Math.min(start + step, w.end);
      const capacity = slotCapacity(point, (end - start) / 60_000, options.headroom);
      if (capacity > 0) slots.push({ pointId: point.id, start, end, capacity, booked: 0 });
    }
  }
  return slots;
}

/**
 * Schedules households at their points. Within a point, households are taken in walking order
 * and slots are filled front to back; a household that does not fit in what is left of a slot
 * starts the next one (households are never split), so door order never goes backwards.
 */
export function allocateSlots(
  households: readonly AllocationHousehold[],
  points: readonly AllocationPoint[],
  options: AllocationOptions,
): Allocation {
  const byPoint = new Map<string, AllocationHousehold[]>();
  const unassigned: Unassigned[] = [];
  const known = new Set(points.map((p) => p.id));
  for (const h of households) {
    if (h.walkers === 0) continue;
    if (!h.pointId || !known.has(h.pointId)) {
      unassigned.push({ householdId: h.id, reason: "no_point", people: h.walkers });
      continue;
    }
    const list = byPoint.get(h.pointId) ?? [];
    list.push(h);
    byPoint.set(h.pointId, list);
  }

  const slots: AllocatedSlot[] = [];
  const assignments: SlotAssignment[] = [];
  const loads: PointLoad[] = [];
  for (const point of points) {
    const pointSlots = makeSlots(point, options);
    slots.push(...pointSlots);
    const queue = (byPoint.get(point.id) ?? []).sort(byAddress);
    const largest = pointSlots.reduce((m, s) => Math.max(m, s.capacity), 0);
    let at = 0;
    let shortPeople = 0;
    for (const h of queue) {
      if (h.walkers > largest) {
        unassigned.push({ householdId: h.id, reason: "household_larger_than_slot", people: h.walkers });
        continue;
      }
      while (
        at < pointSlots.length &&
        (pointSlots[at] as AllocatedSlot).capacity - (pointSlots[at] as AllocatedSlot).booked < h.walkers
      ) {
        at++;
      }
      const slot = pointSlots[at];
      if (!slot) {
        unassigned.push({ householdId: h.id, reason: "no_capacity", people: h.walkers });
        shortPeople += h.walkers;
        continue;
      }
      slot.booked += h.walkers;
      assignments.push({
        householdId: h.id,
        pointId: point.id,
        start: slot.start,
        end: slot.end,
        people: h.walkers,
      });
    }
    const used = pointSlots.filter((s) => s.booked > 0);
    const perLaneHour = point.perLanePerHour * (1 - options.headroom);
    loads.push({
      pointId: point.id,
      capacity: pointSlots.reduce((n, s) => n + s.capacity, 0),
      booked: pointSlots.reduce((n, s) => n + s.booked, 0),
      finish: used.length ? Math.max(...used.map((s) => s.end)) : undefined,
      shortPeople,
      shortLaneHours: shortPeople && perLaneHour > 0 ? Math.ceil(shortPeople / perLaneHour) : 0,
    });
  }

  const finishes = loads.map((l) => l.finish).filter((f): f is number => f !== undefined);
  return {
    slots,
    assignments,
    homeRuns: planHomeRuns(households, options.homeRunSize),
    unassigned,
    points: loads,
    finish: finishes.length ? Math.max(...finishes) : undefined,
  };
}

/**
 * Groups residents sampled at home into runs, building by building in door order, each run at
 * most `size` people; a household is never split across runs unless it alone exceeds a run.
 */
export function planHomeRuns(households: readonly AllocationHousehold[], size: number): HomeRun[] {
  const runs: HomeRun[] = [];
  const home = households.filter((h) => h.homebound > 0).sort(byAddress);
  let current: HomeRun | undefined;
  for (const h of home) {
    if (!current || current.buildingId !== h.buildingId || current.people + h.homebound > size) {
      current = { buildingId: h.buildingId, stops: [], people: 0 };
      runs.push(current);
    }
    current.stops.push({ householdId: h.id, people: h.homebound });
    current.people += h.homebound;
  }
  return runs;
}

function byAddress(a: AllocationHousehold, b: AllocationHousehold): number {
  if (a.addressKey !== b.addressKey) return a.addressKey < b.addressKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
