/**
 * The shift fill's bookkeeping of who can be asked next. A worker is in exactly one state: ready
 * (in the pools: one heap per qualification class and community, and one per class for the whole
 * run, fewest hours first), held (being looked at), asleep (busy or not yet available, until a
 * time), deferred (blocked by a rest rule until the fill moves to a later start time), deferred
 * for gear only (may still take a zone without gear at the same start), or retired (no more
 * availability). Entries left behind in a heap are recognised by a stale stamp and skipped.
 */
import { MinHeap } from "./min-heap";
import type { RosterShift } from "./rest-rules";
import type { FillWorker } from "./shift-fill";

export interface PoolWorker {
  id: string;
  /** Rank by id: the last tie-break, so the same input gives the same proposal. */
  order: number;
  /** Bit set of the qualifications some demand in this run requires. */
  mask: number;
  /** Home community, "" for the shared pool. */
  community: string;
  /** Merged availability windows in time order, and the first one not yet over. */
  availability: { start: number; end: number }[];
  windowAt: number;
  /** Existing and proposed shifts, in start order. */
  shifts: RosterShift[];
  hoursMs: number;
  state: "ready" | "held" | "asleep" | "deferred" | "gear_deferred" | "retired";
  stamp: number;
}

interface Entry {
  hours: number;
  order: number;
  worker: PoolWorker;
  stamp: number;
}

const fewestHours = (a: Entry, b: Entry) => a.hours < b.hours || (a.hours === b.hours && a.order < b.order);

export class FillPools {
  private readonly byCommunity = new Map<number, Map<string, MinHeap<Entry>>>();
  private readonly everywhere = new Map<number, MinHeap<Entry>>();
  private readonly wakeups = new MinHeap<{ at: number; worker: PoolWorker; stamp: number }>(
    (a, b) => a.at < b.at,
  );
  private deferred: PoolWorker[] = [];
  private gearDeferred: PoolWorker[] = [];
  private start = Number.NEGATIVE_INFINITY;
  private gearPhase = false;

  /** Moves the clock to a demand's start: lifts deferrals that no longer hold, wakes sleepers. */
  advanceTo(start: number, gear: boolean): void {
    if (start !== this.start) {
      this.release(this.deferred);
      this.release(this.gearDeferred);
      this.deferred = [];
      this.gearDeferred = [];
      this.start = start;
    } else if (this.gearPhase && !gear) {
      this.release(this.gearDeferred);
      this.gearDeferred = [];
    }
    this.gearPhase = gear;
    for (let next = this.wakeups.peek(); next && next.at <= start; next = this.wakeups.peek()) {
      this.wakeups.pop();
      if (next.worker.state === "asleep" && next.worker.stamp === next.stamp) this.makeReady(next.worker);
    }
  }

  makeReady(worker: PoolWorker): void {
    worker.state = "ready";
    worker.stamp++;
    const entry = { hours: worker.hoursMs, order: worker.order, worker, stamp: worker.stamp };
    this.heapFor(worker.mask, worker.community).push(entry);
    this.heapFor(worker.mask, null).push(entry);
  }

  /** Takes a ready worker out of the pools to look at them. */
  hold(worker: PoolWorker): void {
    worker.state = "held";
    worker.stamp++;
  }

  sleep(worker: PoolWorker, until: number): void {
    worker.state = "asleep";
    worker.stamp++;
    this.wakeups.push({ at: until, worker, stamp: worker.stamp });
  }

  defer(worker: PoolWorker, gearOnly: boolean): void {
    worker.state = gearOnly ? "gear_deferred" : "deferred";
    worker.stamp++;
    (gearOnly ? this.gearDeferred : this.deferred).push(worker);
  }

  retire(worker: PoolWorker): void {
    worker.state = "retired";
    worker.stamp++;
  }

  /**
   * Holds and returns the ready worker with the fewest hours among the given classes, from one
   * community's pool (a string) or from everyone (null).
   */
  holdBest(masks: readonly number[], community: string | null): PoolWorker | undefined {
    const entry = this.bestHeap(masks, community)?.pop();
    if (!entry) return undefined;
    this.hold(entry.worker);
    return entry.worker;
  }

  /** The hours of the worker holdBest would look at first, over levels and sources in order. */
  peekHours(levels: readonly (readonly number[])[], sources: readonly (string | null)[]): number | undefined {
    for (const level of levels)
      for (const source of sources) {
        const top = this.bestHeap(level, source)?.peek();
        if (top) return top.hours;
      }
    return undefined;
  }

  private bestHeap(masks: readonly number[], community: string | null): MinHeap<Entry> | undefined {
    let best: MinHeap<Entry> | undefined;
    for (const mask of masks) {
      const heap =
        community === null ? this.everywhere.get(mask) : this.byCommunity.get(mask)?.get(community);
      if (!heap) continue;
      let top = heap.peek();
      while (top && (top.stamp !== top.worker.stamp || top.worker.state !== "ready")) {
        heap.pop();
        top = heap.peek();
      }
      const current = best?.peek();
      if (top && (!current || fewestHours(top, current))) best = heap;
    }
    return best;
  }

  private heapFor(mask: number, community: string | null): MinHeap<Entry> {
    let byCommunity = this.byCommunity.get(mask);
    if (community !== null && !byCommunity) {
      byCommunity = new Map();
      this.byCommunity.set(mask, byCommunity);
    }
    let heap = community === null ? this.everywhere.get(mask) : byCommunity?.get(community);
    if (!heap) {
      heap = new MinHeap(fewestHours);
      if (community === null) this.everywhere.set(mask, heap);
      else byCommunity?.set(community, heap);
    }
    return heap;
  }

  private release(workers: readonly PoolWorker[]): void {
    for (const w of workers) if (w.state === "deferred" || w.state === "gear_deferred") this.makeReady(w);
  }
}

/** The fill's view of each worker, ranked by id so the same input gives the same proposal. */
export function preparePoolWorkers(
  workers: readonly FillWorker[],
  maskOf: (qualifications: readonly string[]) => number,
): PoolWorker[] {
  const byId = [...workers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return byId.map((w, order) => {
    const shifts = w.existingShifts
      .map((s) => ({ personId: w.id, start: s.start, end: s.end, zone: s.zone }))
      .sort((a, b) => a.start - b.start);
    return {
      id: w.id,
      order,
      mask: maskOf(w.qualifications),
      community: w.homeCommunityId ?? "",
      availability: mergeWindows(w.availability),
      windowAt: 0,
      shifts,
      hoursMs: shifts.reduce((n, s) => n + Math.max(0, s.end - s.start), 0),
      state: "retired",
      stamp: 0,
    };
  });
}

/**
 * The qualification classes that can take a demand requiring `requires`, grouped by how many
 * required-elsewhere qualifications they hold beyond it: the fill spends the least versatile first.
 */
export function groupClassesBySpare(masks: Iterable<number>, requires: number): number[][] {
  const bySpare: number[][] = [];
  for (const m of masks) {
    if ((m & requires) !== requires) continue;
    const spare = countBits(m & ~requires);
    const level = bySpare[spare];
    if (level) level.push(m);
    else bySpare[spare] = [m];
  }
  return bySpare.filter((l) => l !== undefined);
}

function mergeWindows(windows: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const merged: { start: number; end: number }[] = [];
  for (const w of [...windows].filter((x) => x.end > x.start).sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ start: w.start, end: w.end });
  }
  return merged;
}

export function countBits(n: number): number {
  let count = 0;
  for (let m = n; m; m &= m - 1) count++;
  return count;
}
