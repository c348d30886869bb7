import { apiGet, apiUrl } from "../../app/api-client";

// Shapes of the station API (/tmp contract "station-contract": packages/server/src/features/station).

export interface BootstrapResident {
  residentId: string;
  /** Masked by the server (雷*): the station never holds whole names. */
  name: string;
  sex: string | null;
  age: number | null;
  /** base64url(sha256(campaignId + ":" + idNumber)): matches a typed ID number offline. */
  idHash: string;
}

export interface BootstrapHousehold {
  householdId: string;
  address: string;
  startsAt: string | null;
  endsAt: string | null;
  residents: BootstrapResident[];
}

export interface StationBootstrap {
  campaign: { id: string; name: string; poolSize: number; status: string };
  /** closedAt: the point was closed (its households moved to another); older copies lack it. */
  site: { id: string; name: string; address: string; closedAt?: string | null };
  keys: { keyId: string; publicKey: string }[];
  households: BootstrapHousehold[];
  sampledResidentIds: string[];
  /** Sampled, but their pooled tube came back positive or invalid: sample again in a single tube. */
  recalledResidentIds?: string[];
  generatedAt: string;
}

export interface WalkIn {
  name: string;
  idType: string;
  idNumber: string;
  phone?: string;
}

export interface Override {
  reason: string;
}

interface ScanBase {
  id: string;
  seq: number;
  at: string;
  campaignId: string;
  siteId: string;
}

export type ScanBody =
  | { kind: "open_tube"; barcode: string; single?: boolean; override?: Override }
  | {
      kind: "bind";
      barcode: string;
      residentId?: string;
      token?: string;
      walkIn?: WalkIn;
      fever?: boolean;
      override?: Override;
    }
  | { kind: "unbind_last"; barcode: string }
  | { kind: "seal"; barcode: string };

export type Scan = ScanBase & ScanBody;

export type ScanStatus = "applied" | "duplicate" | "rejected";

export interface TubeView {
  barcode: string;
  poolSize: number;
  people: number;
  status: string;
}

export interface ScanResult {
  id: string;
  status: ScanStatus;
  code?: string;
  message?: string;
  /** For a duplicate: what the first delivery of this scan came to. */
  stored?: "applied" | "rejected";
  tube?: TubeView;
}

export function fetchBootstrap(campaignId: string, siteId: string): Promise<StationBootstrap> {
  return apiGet("/station/bootstrap", { campaignId, siteId });
}

/** Why a batch did not go through: the sync loop backs off, or waits what the server asked. */
export class SyncError extends Error {
  constructor(
    readonly code: "network" | "rate_limited" | "server" | "unauthenticated" | "refused",
    readonly retryAfterMs?: number,
  ) {
    super(code);
    this.name = "SyncError";
  }
}

/**
 * Sends a batch of scans. Plain fetch rather than apiSend: the loop needs Retry-After on 429, and
 * must tell "try again later" (network, 5xx) from "this batch is refused as a whole" (4xx).
 */
export async function postScans(stationId: string, scans: Scan[]): Promise<{ results: ScanResult[] }> {
  let response: Response;
  try {
    response = await fetch(apiUrl("/station/scans"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ stationId, scans }),
    });
  } catch {
    throw new SyncError("network");
  }
  if (response.ok) return (await response.json()) as { results: ScanResult[] };
  if (response.status === 429 || response.status === 503) {
    const seconds = Number(response.headers.get("retry-after"));
    throw new SyncError("rate_limited", Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
  }
  if (response.status === 401) throw new SyncError("unauthenticated");
  if (response.status >= 500) throw new SyncError("server");
  throw new SyncError("refused");
}
