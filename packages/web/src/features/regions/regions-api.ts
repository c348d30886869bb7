import type { RegionLevel } from "@shequ/core/regions";
import type {
  HouseholdDetail,
  RegionDetail,
  RegionSummary,
  UnitHousehold,
} from "@shequ/core/resident-schema";
import { apiGet, apiSend } from "../../app/api-client";

export type { HouseholdDetail, RegionDetail, RegionSummary, UnitHousehold };

/** One step of a breadcrumb; `inScope: false` steps are above the user's area: names only. */
export interface RegionCrumb {
  id: string;
  level: RegionLevel;
  name: string;
  inScope?: boolean;
}

interface RegionRow {
  id: string;
  level: RegionLevel;
  name: string;
  parentId: string | null;
}

export function fetchRoots(signal?: AbortSignal): Promise<{ items: RegionSummary[] }> {
  return apiGet("/regions/roots", undefined, signal);
}

export function fetchRegion(id: string, signal?: AbortSignal): Promise<RegionDetail> {
  return apiGet(`/regions/${encodeURIComponent(id)}`, undefined, signal);
}

export function fetchChildren(id: string, signal?: AbortSignal): Promise<{ items: RegionSummary[] }> {
  return apiGet(`/regions/${encodeURIComponent(id)}/children`, undefined, signal);
}

export function fetchHouseholds(id: string, signal?: AbortSignal): Promise<{ items: UnitHousehold[] }> {
  return apiGet(`/regions/${encodeURIComponent(id)}/households`, undefined, signal);
}

export function fetchHousehold(id: string, signal?: AbortSignal): Promise<HouseholdDetail> {
  return apiGet(`/households/${encodeURIComponent(id)}`, undefined, signal);
}

export function createRegion(body: {
  parentId: string;
  level: RegionLevel;
  name: string;
}): Promise<RegionRow> {
  return apiSend("POST", "/regions", body);
}

export function renameRegion(id: string, name: string): Promise<RegionRow> {
  return apiSend("PATCH", `/regions/${encodeURIComponent(id)}`, { name });
}
