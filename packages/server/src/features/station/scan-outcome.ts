import type { TokenPublicKey } from "@shequ/core/resident-token";
import type { TubeState, TubeStatus } from "@shequ/core/tube-state";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, TubeTable } from "../../db/schema";
import type { SessionUser } from "../../http";
import type { StationPoint } from "./find-station-point";
import type { ScanEnvelope, TubeView } from "./station-schema";

export type TubeRow = Selectable<TubeTable>;

/** What one scan came to; stored on its station_scans row and answered to the station. */
export interface ScanOutcome {
  status: "applied" | "rejected";
  code?: string;
  message?: string;
  tubeId?: string;
}

/** Everything a scan handler needs: the open transaction, who scans, where, and the token keys. */
export interface ScanContext {
  trx: Transaction<Database>;
  user: SessionUser;
  stationId: string;
  point: StationPoint;
  scan: ScanEnvelope;
  tokenKeys: TokenPublicKey[];
}

export const rejected = (code: string, message: string, tubeId?: string): ScanOutcome => ({
  status: "rejected",
  code,
  message,
  tubeId,
});

export const applied = (tubeId: string): ScanOutcome => ({ status: "applied", tubeId });

/** Messages for the tube state machine's refusals; the station shows its own text by code. */
export const TUBE_MESSAGES: Record<string, string> = {
  tube_sealed: "The tube is sealed: scan a new tube",
  tube_full: "The tube is full: scan a new tube",
  tube_empty: "The tube has nobody bound to it",
  tube_used: "This barcode was used before: take a new tube, or override with a reason",
  tube_open: "The tube is still open: seal it first",
  out_of_order: "The tube is not at that step",
};

/** A recalled person (their pooled tube was positive or invalid) only goes into a tube of one. */
export const RECALL_SINGLE_TUBE =
  "Recalled for a re-sample: open a single tube for this person (no override can pool them)";

/** Locks the tube row, so stations binding into the same tube take turns. */
export async function lockTube(db: Kysely<Database>, barcode: string): Promise<TubeRow | undefined> {
  return db.selectFrom("tubes").selectAll().where("barcode", "=", barcode).forUpdate().executeTakeFirst();
}

export function tubeState(row: Pick<TubeRow, "status" | "pool_size" | "people">): TubeState {
  return { status: row.status as TubeStatus, poolSize: row.pool_size, people: row.people };
}

export function presentTube(row: Pick<TubeRow, "barcode" | "status" | "pool_size" | "people">): TubeView {
  return {
    barcode: row.barcode,
    poolSize: row.pool_size,
    people: row.people,
    status: row.status as TubeStatus,
  };
}

/** The tube, if it belongs to this scan's round and point; another point's tube is "unknown" here. */
export function tubeOfPoint(ctx: ScanContext, row: TubeRow | undefined): TubeRow | undefined {
  if (!row || row.campaign_id !== ctx.point.campaign.id || row.site_id !== ctx.point.site.id)
    return undefined;
  return row;
}
