import type {
  ContactInput,
  ExemptionInput,
  MissingList,
  MissingReveal,
  MissingUpdate,
  MissingView,
} from "@shequ/core/missing-schema";
import { apiDelete, apiDownload, apiGet, apiSend } from "../../app/api-client";

// Calls of the missing-list API (packages/server/src/features/missing/routes.ts).

export interface MissingFilters {
  gridId?: string | undefined;
  view: MissingView;
  q?: string | undefined;
  page: number;
}

export function fetchMissing(campaignId: string, filters: MissingFilters, signal?: AbortSignal) {
  return apiGet<MissingList>(`/campaigns/${campaignId}/missing`, { ...filters }, signal);
}

export function recordContact(campaignId: string, residentId: string, input: ContactInput) {
  return apiSend<MissingUpdate>("POST", `/campaigns/${campaignId}/missing/${residentId}/contacts`, input);
}

export function setExemption(campaignId: string, residentId: string, input: ExemptionInput) {
  return apiSend<MissingUpdate>("PUT", `/campaigns/${campaignId}/exemptions/${residentId}`, input);
}

export function removeExemption(campaignId: string, residentId: string) {
  return apiDelete<MissingUpdate>(`/campaigns/${campaignId}/exemptions/${residentId}`);
}

export function revealPerson(campaignId: string, residentId: string) {
  return apiSend<MissingReveal>("POST", `/campaigns/${campaignId}/missing/${residentId}/reveal`);
}

export function downloadMissing(
  campaignId: string,
  filters: Omit<MissingFilters, "page"> & { unmasked?: boolean },
) {
  return apiDownload(
    `/campaigns/${campaignId}/missing/export`,
    { gridId: filters.gridId, view: filters.view, q: filters.q, unmasked: filters.unmasked },
    "missing.xlsx",
  );
}
