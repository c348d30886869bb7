import type {
  VolunteerCommunity,
  VolunteerSignupInput,
  WorkerCreateInput,
  WorkerDetail,
  WorkerListPage,
  WorkerListQuery,
  WorkerLoanInput,
  WorkerRevealResult,
  WorkerSource,
  WorkerUpdateInput,
} from "@shequ/core/worker-schema";
import { ApiError, apiDelete, apiDownload, apiGet, apiSend, apiUrl } from "../../app/api-client";

// Shapes of the workforce API: packages/core/src/worker-schema.ts.
export type { WorkerDetail, WorkerListItem, WorkerListPage } from "@shequ/core/worker-schema";

export function listWorkers(query: Partial<WorkerListQuery>, signal?: AbortSignal): Promise<WorkerListPage> {
  return apiGet<WorkerListPage>("/workers", query, signal);
}

export function getWorker(id: string, signal?: AbortSignal): Promise<WorkerDetail> {
  return apiGet<WorkerDetail>(`/workers/${id}`, undefined, signal);
}

export function createWorker(body: Partial<WorkerCreateInput>): Promise<WorkerDetail> {
  return apiSend<WorkerDetail>("POST", "/workers", body);
}

export function updateWorker(id: string, body: WorkerUpdateInput): Promise<WorkerDetail> {
  return apiSend<WorkerDetail>("PATCH", `/workers/${id}`, body);
}

export function reviewWorker(
  id: string,
  action: "approve" | "reject" | "deactivate",
  reason?: string,
): Promise<WorkerDetail> {
  return apiSend<WorkerDetail>("POST", `/workers/${id}/${action}`, reason ? { reason } : {});
}

export function revealWorker(
  id: string,
  fields: ("phone" | "emergencyPhone")[],
): Promise<WorkerRevealResult> {
  return apiSend<WorkerRevealResult>("POST", `/workers/${id}/reveal`, { fields });
}

export function lendWorker(id: string, body: WorkerLoanInput): Promise<WorkerDetail> {
  return apiSend<WorkerDetail>("POST", `/workers/${id}/loans`, body);
}

export function endLoan(id: string, loanId: string): Promise<WorkerDetail> {
  return apiDelete<WorkerDetail>(`/workers/${id}/loans/${loanId}`);
}

export interface WorkerImportReport {
  format: "csv" | "xlsx";
  headers: string[];
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  inserts: number;
  updates: number;
  errors: { row: number; column: string; value: string; reason: string; message: string }[];
}

/** Sends the file with its community: `commit` false only checks it. */
export async function importWorkers(
  file: File,
  communityId: string,
  defaultSource: WorkerSource,
  commit: boolean,
): Promise<WorkerImportReport> {
  const form = new FormData();
  form.set("file", file);
  form.set("communityId", communityId);
  form.set("defaultSource", defaultSource);
  let response: Response;
  try {
    response = await fetch(apiUrl(commit ? "/workers/import" : "/workers/import/preview"), {
      method: "POST",
      body: form,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached");
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new ApiError(
      response.status,
      (error?.code ?? "bad_request") as ApiError["code"],
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return body as WorkerImportReport;
}

/** The rows the import would leave out, with a 错误原因 column, in the file's own format. */
export function downloadRejectedWorkers(file: File, communityId: string, defaultSource: WorkerSource) {
  const form = new FormData();
  form.set("file", file);
  form.set("communityId", communityId);
  form.set("defaultSource", defaultSource);
  return apiDownload("/workers/import/rejected", {}, "错误行.csv", { method: "POST", body: form });
}

export function fetchVolunteerCommunity(
  communityId: string,
  signal?: AbortSignal,
): Promise<VolunteerCommunity> {
  return apiGet<VolunteerCommunity>(`/public/volunteers/communities/${communityId}`, undefined, signal);
}

export function signUpVolunteer(
  communityId: string,
  body: VolunteerSignupInput,
): Promise<{ status: "pending" }> {
  return apiSend<{ status: "pending" }>("POST", `/public/volunteers/${communityId}`, body);
}

/** The address a community's poster QR opens. */
export function joinUrl(communityId: string): string {
  return `${window.location.origin}/join/${communityId}`;
}
