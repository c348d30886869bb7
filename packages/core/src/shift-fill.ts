/**
 * Proposes who works which shift (issue 6): every demand — so many people at a point's zone for a
 * time window — is filled from the workers who may and can take it, and what cannot be filled is
 * returned as a gap to show in red. Pure and deterministic: the same input gives the same proposal.
 *
 * Hard constraints, never broken: the zone's qualification (only medics sample) and the demand's
 * own; the worker's availability covers the whole window; nobody in two places at once (touching
 * shifts are fine); the rest rules (rest-rules.ts), counting the worker's existing shifts.
 *
 * Who is asked first, in this order of precedence:
 * 1. Workers without qualifications the demand does not need (a medic does queue order only when
 *    nobody else can: medics are what sampling runs short of).
 * 2. A worker who has just finished at the same point (their last shift there ended at most the
 *    break before this one starts) stays, unless they have worked more than `continuitySlackHours`
 *    (default 4) beyond the next candidate: stints of a few windows, then the fresh take over.
 * 3. The demand's own community, then workers without a home community, then lent from others.
 * 4. Fewest hours so far (existing shifts included), then id.
 *
 * Greedy in time order. Demands starting together go gear zones first, then those needing a
 * qualification, then by end; in two passes, so every point first keeps its own people (2.) before
 * another point takes them mid-stint. Someone a rule, a shift already held or the end of their
 * availability keeps from a demand is not asked again until the next start time (for the gear
 * limit alone, not until the zones without gear at that start): with demands of different lengths
 * starting together, a shorter one can miss a person who would have fitted. That costs a gap,
 * never a broken rule.
 */
import { type RestRules, type RosterShift, wouldViolate } from "./rest-rules";
import {
  countBits,
  FillPools,
  groupClassesBySpare,
  type PoolWorker,
  preparePoolWorkers,
} from "./shift-fill-pools";
import { findZoneRequirement, type Qualification } from "./work-zones";

export interface ShiftDemand {
  id: string;
  pointId: string;
  zone: string;
  /** Epoch ms. */
  startsAt: number;
  endsAt: number;
  needed: number;
  /** Needed on top of what the zone itself requires. */
  qualification?: Qualification;
  /** The point's community: its own workers are asked before others are lent. */
  communityId?: string;
}

export interface WorkerShift {
  start: number;
  end: number;
  zone?: string;
}

export interface FillWorker {
  id: string;
  qualifications: readonly string[];
  /** When the worker can be put on a shift; none means never. */
  availability: readonly { start: number; end: number }[];
  homeCommunityId?: string;
  /** Shifts already held (planned or worked); they count for the rules and for fairness. */
  existingShifts: readonly WorkerShift[];
}

export interface FillOptions {
  rules: RestRules;
  /** How many hours more than the next candidate a worker may have and still continue at a point. */
  continuitySlackHours?: number;
}

export interface ShiftAssignment {
  demandId: string;
  workerId: string;
}

export interface ShiftGap {
  demandId: string;
  missing: number;
}

export interface FillProposal {
  assignments: ShiftAssignment[];
  gaps: ShiftGap[];
}

interface Plan {
  demand: ShiftDemand;
  needed: number;
  filled: number;
  requires: number;
  gear: boolean;
  sources: (string | null)[];
}

type Verdict = "ok" | "gone" | "defer" | "gear";

const HOUR = 3_600_000;

/** Fills the demands from the workers; see the file comment for the constraints and the order. */
export function proposeFill(
  demands: readonly ShiftDemand[],
  workers: readonly FillWorker[],
  options: FillOptions,
): FillProposal {
  const { rules } = options;
  const breakMs = rules.breakMinutes * 60_000;
  const slackMs = (options.continuitySlackHours ?? 4) * HOUR;
  const gearZones = new Set(rules.gearZones);

  const bits = new Map<string, number>();
  const requirementsOf = (d: ShiftDemand) =>
    [findZoneRequirement(d.zone), d.qualification].filter((q): q is Qualification => q !== undefined);
  for (const d of demands) for (const q of requirementsOf(d)) if (!bits.has(q)) bits.set(q, 1 << bits.size);
  const maskOf = (quals: readonly string[]) => quals.reduce((m, q) => m | (bits.get(q) ?? 0), 0);

  const pools = new FillPools();
  const masks = new Set<number>();
  for (const worker of preparePoolWorkers(workers, maskOf)) {
    masks.add(worker.mask);
    const first = worker.availability[0];
    if (first) pools.sleep(worker, first.start);
  }
  const levels = new Map<number, number[][]>();
  const levelsFor = (requires: number): number[][] => {
    let found = levels.get(requires);
    if (!found) {
      found = groupClassesBySpare(masks, requires);
      levels.set(requires, found);
    }
    return found;
  };

  const plans: Plan[] = demands.map((demand) => ({
    demand,
    needed: Math.max(0, Math.floor(demand.needed)),
    filled: 0,
    requires: maskOf(requirementsOf(demand)),
    gear: gearZones.has(demand.zone),
    sources: demand.communityId ? [demand.communityId, "", null] : [null],
  }));
  plans.sort(
    (a, b) =>
      a.demand.startsAt - b.demand.startsAt ||
      Number(b.gear) - Number(a.gear) ||
      countBits(b.requires) - countBits(a.requires) ||
      a.demand.endsAt - b.demand.endsAt ||
      (a.demand.id < b.demand.id ? -1 : a.demand.id > b.demand.id ? 1 : 0),
  );

  const judge = (w: PoolWorker, d: ShiftDemand): Verdict => {
    const s = d.startsAt;
    const e = d.endsAt;
    while (w.windowAt < w.availability.length && (w.availability[w.windowAt]?.end as number) <= s)
      w.windowAt++;
    const window = w.availability[w.windowAt];
    if (!window) {
      pools.retire(w);
      return "gone";
    }
    if (window.start > s) {
      pools.sleep(w, window.start);
      return "gone";
    }
    // Too short, or a shift already held starts inside: nothing at this start as long fits.
    if (window.end < e) return "defer";
    let busyUntil = s;
    let later = false;
    for (const shift of w.shifts) {
      if (shift.start >= e || shift.end <= s) continue;
      if (shift.start <= s) busyUntil = Math.max(busyUntil, shift.end);
      else later = true;
    }
    if (busyUntil > s) {
      // Every demand still to come starts at s or later, so nothing before busyUntil fits.
      pools.sleep(w, busyUntil);
      return "gone";
    }
    if (later) return "defer";
    const broken = wouldViolate(w.shifts, { personId: w.id, start: s, end: e, zone: d.zone }, rules);
    if (broken.length === 0) return "ok";
    for (const v of broken) if (v.rule !== "gear_hours") return "defer";
    return "gear";
  };

  const route = (w: PoolWorker, verdict: Verdict) => {
    if (verdict === "defer" || verdict === "gear") pools.defer(w, verdict === "gear");
  };

  const continuing = new Map<string, { worker: PoolWorker; end: number }[]>();
  const nextContinuer = (plan: Plan): PoolWorker | undefined => {
    const d = plan.demand;
    const list = continuing.get(d.pointId);
    if (!list) return undefined;
    // Drop who finished here too long ago (for good: starts only move on), keep the rest.
    const candidates: PoolWorker[] = [];
    let kept = 0;
    for (const c of list) {
      if (c.end < d.startsAt - breakMs) continue;
      list[kept++] = c;
      if (c.end <= d.startsAt && c.worker.state === "ready" && c.worker.mask === plan.requires)
        candidates.push(c.worker);
    }
    list.length = kept;
    if (candidates.length > 1) candidates.sort(byHoursThenOrder);
    for (const w of candidates) {
      if (w.state !== "ready") continue;
      pools.hold(w);
      const verdict = judge(w, d);
      if (verdict === "ok") return w;
      route(w, verdict);
    }
    return undefined;
  };

  const nextFromPools = (plan: Plan): PoolWorker | undefined => {
    for (const level of levelsFor(plan.requires)) {
      for (const source of plan.sources) {
        for (let w = pools.holdBest(level, source); w; w = pools.holdBest(level, source)) {
          const verdict = judge(w, plan.demand);
          if (verdict === "ok") return w;
          route(w, verdict);
        }
      }
    }
    return undefined;
  };

  const assignments: ShiftAssignment[] = [];
  const gaps: ShiftGap[] = [];
  const assign = (w: PoolWorker, plan: Plan) => {
    const d = plan.demand;
    const shift = { personId: w.id, start: d.startsAt, end: d.endsAt, zone: d.zone };
    let at = w.shifts.length;
    while (at > 0 && (w.shifts[at - 1] as RosterShift).start > shift.start) at--;
    w.shifts.splice(at, 0, shift);
    w.hoursMs += d.endsAt - d.startsAt;
    pools.sleep(w, d.endsAt);
    const list = continuing.get(d.pointId);
    if (list) list.push({ worker: w, end: d.endsAt });
    else continuing.set(d.pointId, [{ worker: w, end: d.endsAt }]);
    assignments.push({ demandId: d.id, workerId: w.id });
    plan.filled++;
  };

  /** First pass at a start: everyone who can go on where they are, within the slack. */
  const keepContinuers = (plan: Plan) => {
    pools.advanceTo(plan.demand.startsAt, plan.gear);
    while (plan.filled < plan.needed) {
      const w = nextContinuer(plan);
      if (!w) return;
      const fresh = pools.peekHours(levelsFor(plan.requires), plan.sources);
      if (fresh !== undefined && w.hoursMs > fresh + slackMs) {
        pools.makeReady(w);
        return;
      }
      assign(w, plan);
    }
  };

  const fillFromPools = (plan: Plan) => {
    pools.advanceTo(plan.demand.startsAt, plan.gear);
    let pending: PoolWorker | undefined;
    let continuer: PoolWorker | undefined;
    while (plan.filled < plan.needed) {
      pending ??= nextFromPools(plan);
      continuer ??= nextContinuer(plan);
      if (continuer && (!pending || continuer.hoursMs <= pending.hoursMs + slackMs)) {
        assign(continuer, plan);
        continuer = undefined;
      } else if (pending) {
        assign(pending, plan);
        pending = undefined;
      } else break;
    }
    // Whoever was held for this demand and not taken goes back into the pools.
    for (const w of [pending, continuer]) if (w) pools.makeReady(w);
    if (plan.filled < plan.needed)
      gaps.push({ demandId: plan.demand.id, missing: plan.needed - plan.filled });
  };

  const open: Plan[] = [];
  for (const plan of plans) {
    if (plan.needed === 0) continue;
    if (plan.demand.endsAt > plan.demand.startsAt) open.push(plan);
    else gaps.push({ demandId: plan.demand.id, missing: plan.needed });
  }
  // Demands that start together are filled in two passes, so a point keeps its own people
  // before another point, met earlier in the order, takes them away mid-stint.
  for (let i = 0; i < open.length; ) {
    const start = (open[i] as Plan).demand.startsAt;
    let j = i;
    while (j < open.length && (open[j] as Plan).demand.startsAt === start) j++;
    const group = open.slice(i, j);
    i = j;
    for (const plan of group) keepContinuers(plan);
    for (const plan of group) fillFromPools(plan);
  }
  return { assignments, gaps };
}

/** The roster a proposal makes, existing shifts included: what checkRoster should find clean. */
export function buildProposedRoster(
  demands: readonly ShiftDemand[],
  workers: readonly FillWorker[],
  assignments: readonly ShiftAssignment[],
): RosterShift[] {
  const byId = new Map(demands.map((d) => [d.id, d]));
  const roster: RosterShift[] = [];
  for (const w of workers)
    for (const s of w.existingShifts)
      roster.push({ personId: w.id, start: s.start, end: s.end, zone: s.zone });
  for (const a of assignments) {
    const d = byId.get(a.demandId);
    if (d) roster.push({ personId: a.workerId, start: d.startsAt, end: d.endsAt, zone: d.zone });
  }
  return roster;
}

function byHoursThenOrder(a: PoolWorker, b: PoolWorker): number {
  return a.hoursMs - b.hoursMs || a.order - b.order;
}
