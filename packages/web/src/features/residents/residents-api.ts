import type { ResidentFlag } from "@shequ/core/flags";
import type {
  ResidentCreateInput,
  ResidentDetail,
  ResidentListItem,
  ResidentListPage,
  ResidentRevealResult,
  ResidentStatus,
  ResidentUpdateInput,
} from "@shequ/core/resident-schema";
import { apiGet, apiSend } from "../../app/api-client";

export type { ResidentDetail, ResidentListItem, ResidentListPage, ResidentStatus };

export interface ResidentQuery {
  q?: string;
  regionId?: string;
  flags?: ResidentFlag[];
  status?: ResidentStatus | "all";
  page?: number;
  pageSize?: number;
}

export function findResidents(query: ResidentQuery, signal?: AbortSignal): Promise<ResidentListPage> {
  return apiGet(
    "/residents",
    {
      q: query.q?.trim(),
      regionId: query.regionId,
      flags: query.flags?.join(","),
      status: query.status,
      page: query.page,
      pageSize: query.pageSize,
    },
    signal,
  );
}

export function fetchResident(id: string, signal?: AbortSignal): Promise<ResidentDetail> {
  return apiGet(`/residents/${encodeURIComponent(id)}`, undefined, signal);
}

export type RevealField = "idNumber" | "phone";

/** Unmasks fields of one resident; the server writes an audit entry for every call. */
export function revealResident(id: string, fields: RevealField[]): Promise<ResidentRevealResult> {
  return apiSend("POST", `/residents/${encodeURIComponent(id)}/reveal`, { fields });
}

export function createResident(body: ResidentCreateInput): Promise<ResidentDetail> {
  return apiSend("POST", "/residents", body);
}

export type ResidentChanges = Omit<ResidentUpdateInput, "version">;

export function updateResident(
  id: string,
  version: number,
  changes: ResidentChanges,
): Promise<ResidentDetail> {
  return apiSend("PATCH", `/residents/${encodeURIComponent(id)}`, { version, ...changes });
}

export function moveOutResident(
  id: string,
  body: { date?: string; reason?: string },
): Promise<ResidentDetail> {
  return apiSend("POST", `/residents/${encodeURIComponent(id)}/move-out`, body);
}

export function moveInResident(id: string): Promise<ResidentDetail> {
  return apiSend("POST", `/residents/${encodeURIComponent(id)}/move-in`);
}
