import type { PointsBoard, Report, SnapshotList } from "@shequ/core/report-schema";
import { apiDownload, apiGet } from "../../app/api-client";

// The points board, report and snapshots of a round (packages/server/src/features/reports).

export function fetchPointsBoard(
  campaignId: string,
  regionId: string | undefined,
  signal?: AbortSignal,
): Promise<PointsBoard> {
  return apiGet<PointsBoard>(`/campaigns/${campaignId}/points`, { regionId }, signal);
}

export function fetchReport(
  campaignId: string,
  regionId: string | undefined,
  signal?: AbortSignal,
): Promise<Report> {
  return apiGet<Report>(`/campaigns/${campaignId}/report`, { regionId }, signal);
}

export function fetchSnapshots(
  campaignId: string,
  regionId: string | undefined,
  signal?: AbortSignal,
): Promise<SnapshotList> {
  return apiGet<SnapshotList>(`/campaigns/${campaignId}/snapshots`, { regionId }, signal);
}

/** The report as an XLSX file; the server names it (in Chinese) through Content-Disposition. */
export function downloadReport(campaignId: string, regionId: string | undefined): Promise<void> {
  return apiDownload(`/campaigns/${campaignId}/report.xlsx`, { regionId }, "report.xlsx");
}
