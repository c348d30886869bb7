import type { BootstrapHousehold, BootstrapResident, StationBootstrap } from "./station-api";
import type { StationSetup, StoredScan } from "./station-db";

/**
 * The station's screen state, rebuilt by replaying its own scans over the downloaded list. The
 * same replay runs after every action and after a reload, so what is shown is exactly what is stored.
 */

export interface LocalBind {
  scanId: string;
  residentId?: string;
  walkInName?: string;
  /** Named by a token of this round whose person is not in this point's list. */
  tokenOnly?: boolean;
}

export interface LocalTube {
  barcode: string;
  poolSize: number;
  status: "open" | "sealed";
  /** Sealed by the button before it was full: no undo then. */
  sealedEarly: boolean;
  /** A tube of one (fever, or a recalled person's re-sample). */
  single: boolean;
  binds: LocalBind[];
}

export interface StationView {
  /** Tubes in the order they were opened. */
  tubes: LocalTube[];
  /** The tube last opened, open or sealed; undefined before the first tube. */
  current: LocalTube | undefined;
  /** Sampled in this round: the downloaded list plus this station's own binds. */
  sampled: Set<string>;
  /** Recalled and not yet re-sampled here: they go into a single tube, without an override. */
  recalled: Set<string>;
  /** The pooled tube put aside while a single tube is filled; it comes back once that is sealed. */
  paused: LocalTube | undefined;
  /** Scans not yet acknowledged by the server, over all rounds and points. */
  unsynced: number;
  /** Scans the server refused that nobody has put aside yet. */
  rejected: StoredScan[];
}

export interface PersonEntry {
  resident: BootstrapResident;
  household: BootstrapHousehold;
}

export interface ListIndex {
  byResidentId: Map<string, PersonEntry>;
  byIdHash: Map<string, PersonEntry>;
}

export function indexList(bootstrap: StationBootstrap): ListIndex {
  const byResidentId = new Map<string, PersonEntry>();
  const byIdHash = new Map<string, PersonEntry>();
  for (const household of bootstrap.households) {
    for (const resident of household.residents) {
      const entry = { resident, household };
      byResidentId.set(resident.residentId, entry);
      byIdHash.set(resident.idHash, entry);
    }
  }
  return { byResidentId, byIdHash };
}

/** Replays this point's scans (refused ones skipped) into tubes and the sampled set. */
export function replayScans(
  scans: readonly StoredScan[],
  setup: StationSetup,
  bootstrap: Pick<StationBootstrap, "campaign" | "sampledResidentIds" | "recalledResidentIds">,
): StationView {
  const tubes = new Map<string, LocalTube>();
  let current: LocalTube | undefined;
  let paused: LocalTube | undefined;
  let unsynced = 0;
  const rejected: StoredScan[] = [];
  for (const stored of scans) {
    if (stored.sync === "pending") unsynced++;
    if (stored.sync === "rejected" && !stored.resolved) rejected.push(stored);
    const scan = stored.scan;
    if (stored.sync === "rejected" || scan.campaignId !== setup.campaignId || scan.siteId !== setup.siteId) {
      continue;
    }
    if (scan.kind === "open_tube") {
      const single = scan.single === true;
      const poolSize = single ? 1 : bootstrap.campaign.poolSize;
      // A single tube in the middle of a pooled one: the pooled tube waits, still open.
      if (single && current && !current.single && current.status === "open") paused = current;
      else if (!single) paused = undefined;
      current = { barcode: scan.barcode, poolSize, status: "open", sealedEarly: false, single, binds: [] };
      tubes.delete(scan.barcode);
      tubes.set(scan.barcode, current);
      continue;
    }
    const tube = tubes.get(scan.barcode);
    if (!tube) continue;
    if (scan.kind === "bind") {
      const residentId = stored.residentId ?? scan.residentId;
      tube.binds.push({
        scanId: stored.id,
        residentId,
        walkInName: scan.walkIn?.name,
        tokenOnly: !!scan.token && !residentId,
      });
      if (tube.binds.length >= tube.poolSize) tube.status = "sealed";
      if (tube === current && tube.single && tube.status === "sealed" && paused?.status === "open") {
        current = paused;
        paused = undefined;
      }
    } else if (scan.kind === "unbind_last") {
      tube.binds.pop();
      tube.status = "open";
    } else if (scan.kind === "seal" && tube.status === "open") {
      tube.status = "sealed";
      tube.sealedEarly = true;
    }
  }
  const sampled = new Set(bootstrap.sampledResidentIds);
  const recalled = new Set(bootstrap.recalledResidentIds ?? []);
  for (const tube of tubes.values()) {
    for (const bind of tube.binds) {
      if (!bind.residentId) continue;
      sampled.add(bind.residentId);
      if (tube.single) recalled.delete(bind.residentId);
    }
  }
  return { tubes: [...tubes.values()], current, sampled, recalled, paused, unsynced, rejected };
}

/** The tube a bind goes into: the current one while it is open and has room. */
export function openTube(view: StationView): LocalTube | undefined {
  const tube = view.current;
  return tube && tube.status === "open" && tube.binds.length < tube.poolSize ? tube : undefined;
}

/** Undo takes back the last person of the current tube, unless it was sealed by hand. */
export function canUndo(view: StationView): boolean {
  const tube = view.current;
  return !!tube && tube.binds.length > 0 && !tube.sealedEarly;
}
