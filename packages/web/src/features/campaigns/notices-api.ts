import { apiGet, apiSend } from "../../app/api-client";

// Shapes of the notices API (packages/server/src/features/notices).

export type NoticeStatus = "pending" | "queued" | "sent" | "notified" | "unreachable";
export const NOTICE_STATUSES: readonly NoticeStatus[] = [
  "pending",
  "queued",
  "sent",
  "notified",
  "unreachable",
];

export interface CampaignBuilding {
  buildingId: string;
  name: string;
  communityName: string;
  gridName: string;
  households: number;
  people: number;
  siteName: string | null;
  firstSlot: string | null;
  lastSlot: string | null;
}

export interface BuildingSheet {
  campaign: { id: string; name: string; startsAt: string; deadlineAt: string };
  building: { id: string; name: string; communityName: string; gridName: string };
  sites: { id: string; name: string; address: string }[];
  bring: string;
  rows: {
    householdId: string;
    unit: string;
    door: string;
    site: string | null;
    startsAt: string | null;
    endsAt: string | null;
    people: number;
    homeVisit: boolean;
  }[];
}

export interface HouseholdNotice {
  householdId: string;
  address: string;
  text: string;
  site: { name: string; address: string } | null;
  slot: { startsAt: string; endsAt: string } | null;
  homeVisit: boolean;
  residents: { residentId: string; name: string; token: string; lookupCode: string }[];
  status: NoticeStatus;
}

export interface NoticeSummary {
  households: number;
  byStatus: Record<NoticeStatus, number>;
}

export interface NoticeRow {
  householdId: string;
  address: string;
  phones: string[];
  status: NoticeStatus;
  startsAt: string | null;
  endsAt: string | null;
  site: string | null;
  note: string | null;
  updatedAt: string | null;
}

export interface NoticeRun {
  id: string;
  status: "running" | "done";
  total: number;
  queued: number;
  sent: number;
  failed: number;
  /** Households the run covered, and those without a mobile number (unreachable at once). */
  households?: number;
  noPhone?: number;
  createdAt: string;
  finishedAt: string | null;
}

const base = (id: string) => `/campaigns/${encodeURIComponent(id)}`;

export function fetchBuildings(
  campaignId: string,
  signal?: AbortSignal,
): Promise<{ items: CampaignBuilding[] }> {
  return apiGet(`${base(campaignId)}/buildings`, undefined, signal);
}

export function fetchBuildingSheet(
  campaignId: string,
  buildingId: string,
  signal?: AbortSignal,
): Promise<BuildingSheet> {
  return apiGet(`${base(campaignId)}/buildings/${encodeURIComponent(buildingId)}/sheet`, undefined, signal);
}

export function fetchBuildingNotices(
  campaignId: string,
  buildingId: string,
  signal?: AbortSignal,
): Promise<{ items: HouseholdNotice[] }> {
  return apiGet(`${base(campaignId)}/buildings/${encodeURIComponent(buildingId)}/notices`, undefined, signal);
}

export function fetchNoticeSummary(
  campaignId: string,
  regionId: string | undefined,
  signal?: AbortSignal,
): Promise<NoticeSummary> {
  return apiGet(`${base(campaignId)}/notices/summary`, { regionId }, signal);
}

export function fetchNoticeRows(
  campaignId: string,
  query: { regionId?: string | undefined; status?: NoticeStatus | undefined; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ items: NoticeRow[]; total: number }> {
  return apiGet(`${base(campaignId)}/notices/households`, query, signal);
}

/** A grid worker ticks a household off after a phone call (or marks it unreachable). */
export async function setNoticeStatus(
  campaignId: string,
  householdId: string,
  body: { status: "notified" | "unreachable"; note?: string },
): Promise<NoticeRow> {
  return apiSend(
    "PUT",
    `${base(campaignId)}/households/${encodeURIComponent(householdId)}/notice-status`,
    body,
  );
}

export function startNoticeRun(campaignId: string, regionId?: string): Promise<NoticeRun> {
  return apiSend("POST", `${base(campaignId)}/notices/runs`, regionId ? { regionId } : {});
}

export function fetchNoticeRuns(campaignId: string, signal?: AbortSignal): Promise<{ items: NoticeRun[] }> {
  return apiGet(`${base(campaignId)}/notices/runs`, undefined, signal);
}

export function fetchNoticeRun(campaignId: string, runId: string, signal?: AbortSignal): Promise<NoticeRun> {
  return apiGet(`${base(campaignId)}/notices/runs/${encodeURIComponent(runId)}`, undefined, signal);
}
