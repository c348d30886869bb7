import type { Dashboard } from "@shequ/core/dashboard-schema";
import { apiGet } from "../../app/api-client";

/** A round's live figures for one region (the user's own area when regionId is left out). */
export function fetchDashboard(
  campaignId: string,
  regionId: string | undefined,
  signal?: AbortSignal,
): Promise<Dashboard> {
  return apiGet<Dashboard>(`/campaigns/${campaignId}/dashboard`, { regionId }, signal);
}
