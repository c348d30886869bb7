import { apiGet, apiSend } from "../../app/api-client";

// Shapes of the recall API (packages/server/src/features/recalls/recall-schema.ts).

export type TaskStatus = "open" | "controlled" | "resampled" | "closed";
export type StatusFilter = "active" | TaskStatus | "positive" | "all";
export type TubeResult = "negative" | "positive" | "invalid";

export interface RecallPerson {
  recallId: string;
  residentId: string;
  /** Masked: 雷*. */
  name: string;
  age: number | null;
  sex: "M" | "F" | null;
  status: "open" | "resampled" | "closed";
  /** The re-sample's result; "invalid" on an open recall means: sample again. */
  result: TubeResult | null;
  resampledAt: string | null;
  resampleBarcode: string | null;
}

export interface RecallTask {
  id: string;
  householdId: string;
  address: string;
  gridId: string;
  reason: "positive" | "invalid";
  status: TaskStatus;
  positive: boolean;
  /** `result` differs from `reason` when the lab corrected the tube's result (a settled conflict). */
  tube: { barcode: string; testedAt: string | null; result: TubeResult | null };
  controlledAt: string | null;
  note: string | null;
  homeSampling: boolean;
  createdAt: string;
  closedAt: string | null;
  people: RecallPerson[];
}

export interface RecallCounts {
  households: number;
  people: number;
  open: number;
  resampled: number;
  closed: number;
  positive: number;
}

export interface RecallGroup {
  gridId: string;
  gridName: string;
  communityName: string;
  tasks: RecallTask[];
}

export interface RecallList {
  campaign: { id: string; name: string };
  counts: RecallCounts;
  grids: { id: string; name: string; communityName: string; households: number }[];
  groups: RecallGroup[];
  truncated: boolean;
}

export interface RecallWalkIn {
  walkInId: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  site: { id: string; name: string };
  tubeBarcode: string;
  reason: "positive" | "invalid";
  testedAt: string;
  status: string;
}

export type ResidentState =
  | "not_in_round"
  | "not_sampled"
  | "waiting"
  | "negative"
  | "recalled"
  | "resampled"
  | "positive"
  | "invalid";

export interface ResidentSample {
  sampleId: string;
  sampledAt: string;
  site: { id: string; name: string } | null;
  tube: { barcode: string; single: boolean; poolSize: number; status: string } | null;
  result: TubeResult | null;
  testedAt: string | null;
  fever: boolean;
  resample: boolean;
}

export interface ResidentRoundStatus {
  residentId: string;
  campaign: { id: string; name: string };
  state: ResidentState;
  samples: ResidentSample[];
  recalls: {
    id: string;
    reason: "positive" | "invalid";
    tubeBarcode: string;
    status: "open" | "resampled" | "closed";
    result: TubeResult | null;
    createdAt: string;
    closedAt: string | null;
    homeSampling: boolean;
    controlledAt: string | null;
  }[];
}

export function fetchRecalls(
  query: { campaignId: string; regionId?: string | undefined; status: StatusFilter },
  signal?: AbortSignal,
): Promise<RecallList> {
  return apiGet("/recalls", query, signal);
}

export function fetchRecallWalkIns(
  campaignId: string,
  signal?: AbortSignal,
): Promise<{ items: RecallWalkIn[] }> {
  return apiGet("/recalls/walk-ins", { campaignId }, signal);
}

export function controlTask(
  taskId: string,
  body: { controlled: boolean; note?: string },
): Promise<RecallTask> {
  return apiSend("POST", `/recalls/tasks/${taskId}/control`, body);
}

export function setHomeSampling(taskId: string, on: boolean): Promise<RecallTask> {
  return apiSend("POST", `/recalls/tasks/${taskId}/home-sampling`, { on });
}

/** One resident's round (audited on the server as a read of that resident). */
export function fetchResidentStatus(
  residentId: string,
  campaignId: string,
  signal?: AbortSignal,
): Promise<ResidentRoundStatus> {
  return apiGet(`/recalls/residents/${residentId}`, { campaignId }, signal);
}
