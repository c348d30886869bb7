import type { ConflictView, LineCode, TubeResult } from "@shequ/core/lab-results";
import { apiDelete, apiDownload, apiGet, apiSend, apiUpload } from "../../app/api-client";

// Shapes of the lab API (packages/server/src/features/lab/lab-schema.ts).

export interface ReportLine {
  line: number;
  barcode: string;
  code: Exclude<LineCode, "applied">;
  reason: string;
  message: string;
  messageEn: string;
}

export interface LineCounts {
  lines: number;
  applied: number;
  repeated: number;
  unknown: number;
  conflicts: number;
  invalid: number;
}

export interface ResultPreview extends LineCounts {
  fileName: string;
  format: "csv" | "xlsx";
  report: ReportLine[];
}

export interface BatchSummary extends LineCounts {
  id: string;
  source: "file" | "api";
  fileName: string | null;
  createdAt: string;
  by: string | null;
}

export interface Batch extends BatchSummary {
  report: ReportLine[];
}

/** A conflicting result to settle (the server's view of it). */
export type Conflict = ConflictView;

export interface LabToken {
  id: string;
  name: string;
  regionId: string;
  regionName: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const previewResults = (file: File) => apiUpload<ResultPreview>("/lab/results/preview", "file", file);
export const applyResultFile = (file: File) => apiUpload<Batch>("/lab/results", "file", file);

export const fetchBatches = (signal?: AbortSignal) =>
  apiGet<{ items: BatchSummary[] }>("/lab/batches", {}, signal);
export const fetchBatch = (id: string, signal?: AbortSignal) =>
  apiGet<Batch>(`/lab/batches/${encodeURIComponent(id)}`, {}, signal);
export const downloadBatchReport = (id: string, lang: "zh" | "en") =>
  apiDownload(`/lab/batches/${encodeURIComponent(id)}/report`, { format: "csv", lang }, "report.csv");

export const fetchConflicts = (status: "open" | "settled", signal?: AbortSignal) =>
  apiGet<{ items: Conflict[] }>("/lab/conflicts", { status }, signal);
export const settleConflict = (id: string, keep: "existing" | "new", reason: string) =>
  apiSend<{ id: string; keep: string; result: TubeResult }>(
    "POST",
    `/lab/conflicts/${encodeURIComponent(id)}/settle`,
    { keep, reason },
  );

export const fetchTokens = (signal?: AbortSignal) => apiGet<{ items: LabToken[] }>("/lab/tokens", {}, signal);
export const createToken = (name: string, regionId: string) =>
  apiSend<LabToken & { token: string }>("POST", "/lab/tokens", { name, regionId });

/** Revokes a token: the lab's machine is refused from then on. */
export const revokeToken = (id: string) =>
  apiDelete<{ id: string; revokedAt: string }>(`/lab/tokens/${encodeURIComponent(id)}`);
