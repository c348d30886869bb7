/**
 * The life of a sample tube at a collection point: opened by scanning its barcode, filled with up
 * to its pool size of people (10-in-1 by default, 1 for a fever case), sealed (by itself when full,
 * or by the button), packed into a transport box, received at the lab, resulted. Pure: the server
 * applies the same rules under a row lock, and the station uses them to show its local state.
 */

export const TUBE_STATUSES = ["open", "sealed", "boxed", "received", "resulted"] as const;
export type TubeStatus = (typeof TUBE_STATUSES)[number];

/** Pool sizes a round may use (national guides: 5, 10 or 20 swabs per tube). */
export const POOL_SIZES = [5, 10, 20] as const;
export type PoolSize = (typeof POOL_SIZES)[number];

export interface TubeState {
  status: TubeStatus;
  /** How many people the tube takes: the round's pool size, or 1 for a single tube. */
  poolSize: number;
  /** How many people are bound to it now. */
  people: number;
}

/** Why a step was refused; the same codes the station API answers with. */
export type TubeRefusal =
  | "tube_sealed"
  | "tube_full"
  | "tube_empty"
  | "tube_used"
  /** Packing an open tube: seal it first. */
  | "tube_open"
  /** A chain step out of order (e.g. a result for a tube the lab never received). */
  | "out_of_order";

export type TubeStep = { ok: true; tube: TubeState } | { ok: false; code: TubeRefusal };

/** A new, empty tube: the round's pool size, or a tube of one for a person with fever. */
export function openTube(roundPoolSize: number, single = false): TubeState {
  const poolSize = single ? 1 : roundPoolSize;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError("A pool size is a whole number ≥ 1");
  return { status: "open", poolSize, people: 0 };
}

/**
 * Binds one more person. A full tube answers "tube_full" (whether it sealed itself or not), a
 * tube sealed early or already packed answers "tube_sealed". Reaching the pool size seals it.
 */
export function bindToTube(tube: TubeState): TubeStep {
  if (tube.people >= tube.poolSize) return { ok: false, code: "tube_full" };
  if (tube.status !== "open") return { ok: false, code: "tube_sealed" };
  const people = tube.people + 1;
  return { ok: true, tube: { ...tube, people, status: people === tube.poolSize ? "sealed" : "open" } };
}

/**
 * Undoes the last binding: the tube is open again (a full one that sealed itself reopens). Refused
 * for an empty tube, and once the tube has left the desk in a box.
 */
export function unbindLast(tube: TubeState): TubeStep {
  if (tube.status !== "open" && tube.status !== "sealed") return { ok: false, code: "tube_sealed" };
  if (tube.people === 0) return { ok: false, code: "tube_empty" };
  return { ok: true, tube: { ...tube, people: tube.people - 1, status: "open" } };
}

/** Seals the tube by the button, before it is full. An empty tube has nothing to seal. */
export function sealTube(tube: TubeState): TubeStep {
  if (tube.status !== "open") return { ok: false, code: "tube_sealed" };
  if (tube.people === 0) return { ok: false, code: "tube_empty" };
  return { ok: true, tube: { ...tube, status: "sealed" } };
}

/**
 * Takes over a tube that was used before (a deliberate override): a sealed tube with room left
 * opens again. A full tube, or one already packed, cannot be reused.
 */
export function reopenTube(tube: TubeState): TubeStep {
  if (tube.status === "open") return { ok: true, tube };
  if (tube.status !== "sealed") return { ok: false, code: "tube_used" };
  if (tube.people >= tube.poolSize) return { ok: false, code: "tube_full" };
  return { ok: true, tube: { ...tube, status: "open" } };
}

const NEXT: Partial<Record<TubeStatus, TubeStatus>> = {
  sealed: "boxed",
  boxed: "received",
  received: "resulted",
};

/** Moves a sealed tube along the chain: into a box, received by the lab, resulted. */
export function advanceTube(tube: TubeState, to: "boxed" | "received" | "resulted"): TubeStep {
  if (tube.status === "open") return { ok: false, code: "tube_open" };
  if (NEXT[tube.status] !== to) return { ok: false, code: "out_of_order" };
  return { ok: true, tube: { ...tube, status: to } };
}
