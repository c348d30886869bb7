import type { PoolHistory } from "@shequ/core/report-schema";
import { apiGet, apiSend } from "../../app/api-client";

// Shapes of the testing-round API (packages/server/src/features/campaigns/campaign-schema.ts).

export type CampaignStatus = "draft" | "scheduled" | "running" | "closed";

export interface Campaign {
  id: string;
  name: string;
  status: CampaignStatus;
  startsAt: string;
  deadlineAt: string;
  poolSize: number;
  slotMinutes: number;
  headroom: number;
  homeRunSize: number;
  regionIds: string[];
  scheduledAt: string | null;
}

export interface CampaignSummary extends Campaign {
  sites: number;
  households: number;
  createdAt: string;
}

export interface CampaignCreateInput {
  name: string;
  regionIds: string[];
  startsAt: string;
  deadlineAt: string;
  poolSize: 5 | 10 | 20;
  slotMinutes: number;
  headroom: number;
  homeRunSize: number;
  copySitesFrom?: string;
}

export interface TimeWindow {
  startsAt: string;
  endsAt: string;
}

export interface SiteInput {
  name: string;
  address: string;
  lanes: number;
  perLanePerHour: number;
  zones?: string[];
  windows: TimeWindow[];
  regionIds: string[];
}

export interface Site extends SiteInput {
  id: string;
  zones: string[];
  closedAt: string | null;
}

export interface SlotLoad extends TimeWindow {
  capacity: number;
  booked: number;
}

export interface SiteLoad {
  siteId: string;
  name: string;
  capacity: number;
  booked: number;
  finish: string | null;
  onTime: boolean;
  shortPeople: number;
  latePeople: number;
  shortLaneHours: number;
  slots: SlotLoad[];
}

export interface CampaignSchedule {
  campaign: Campaign;
  sites: (Site & { load: SiteLoad })[];
  assignedHouseholds: number;
  finish: string | null;
  onTime: boolean;
  homeRuns: { runs: number; people: number };
}

export interface ScheduleResult {
  campaign: Campaign;
  households: number;
  walkers: number;
  homebound: number;
  sites: SiteLoad[];
  finish: string | null;
  deadline: string;
  onTime: boolean;
  shortPeople: number;
  latePeople: number;
  shortLaneHours: number;
  homeRuns: { runs: number; people: number };
  mode: "full" | "partial";
  moved: number;
  unassigned: {
    total: number;
    byReason: Record<string, number>;
    first: { householdId: string; reason: string; people: number }[];
  };
}

export interface HouseholdSlot {
  householdId: string;
  campaignId: string;
  site: { id: string; name: string; address: string } | null;
  slot: { startsAt: string; endsAt: string; people: number } | null;
  homeRun: { id: string; seq: number; stop: number; people: number } | null;
}

export interface HomeRun {
  id: string;
  seq: number;
  buildingId: string;
  buildingName: string;
  people: number;
  stops: { householdId: string; address: string; people: number }[];
}

const base = (id: string) => `/campaigns/${encodeURIComponent(id)}`;

export function fetchCampaigns(signal?: AbortSignal): Promise<{ items: CampaignSummary[] }> {
  return apiGet("/campaigns", undefined, signal);
}

export function createCampaign(input: CampaignCreateInput): Promise<Campaign> {
  return apiSend("POST", "/campaigns", input);
}

export function fetchCampaign(id: string, signal?: AbortSignal): Promise<CampaignSchedule> {
  return apiGet(base(id), undefined, signal);
}

export function changeCampaignStatus(
  id: string,
  status: Exclude<CampaignStatus, "draft">,
): Promise<Campaign> {
  return apiSend("POST", `${base(id)}/status`, { status });
}

export function addSite(campaignId: string, input: SiteInput): Promise<Site> {
  return apiSend("POST", `${base(campaignId)}/sites`, input);
}

export function updateSite(campaignId: string, siteId: string, input: Partial<SiteInput>): Promise<Site> {
  return apiSend("PATCH", `${base(campaignId)}/sites/${encodeURIComponent(siteId)}`, input);
}

export function closeSite(campaignId: string, siteId: string, moveTo?: string): Promise<Site> {
  return apiSend(
    "POST",
    `${base(campaignId)}/sites/${encodeURIComponent(siteId)}/close`,
    moveTo ? { moveTo } : {},
  );
}

export function scheduleCampaign(id: string): Promise<ScheduleResult> {
  return apiSend("POST", `${base(id)}/schedule`);
}

export function fetchHouseholdSlot(
  campaignId: string,
  householdId: string,
  signal?: AbortSignal,
): Promise<HouseholdSlot> {
  return apiGet(`${base(campaignId)}/households/${encodeURIComponent(householdId)}/slot`, undefined, signal);
}

export function fetchHomeRuns(campaignId: string, signal?: AbortSignal): Promise<{ items: HomeRun[] }> {
  return apiGet(`${base(campaignId)}/home-runs`, undefined, signal);
}

/** The last round of the user's area with pooled results: the pool-size advice starts from it. */
export function fetchPoolHistory(signal?: AbortSignal): Promise<PoolHistory> {
  return apiGet("/pool-history", undefined, signal);
}
