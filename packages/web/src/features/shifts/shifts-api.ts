import { apiDelete, apiGet, apiSend } from "../../app/api-client";

// Shapes of the shifts API (packages/server/src/features/shifts/*-schema.ts).

export interface Demand {
  id: string;
  campaignId: string;
  siteId: string;
  zone: string;
  startsAt: string;
  endsAt: string;
  needed: number;
  planned: number;
  qualification: string | null;
}

export interface BoardPerson {
  assignmentId: string;
  workerId: string;
  name: string;
  badgeNo: string | null;
  overridden: boolean;
}

export interface Board {
  sites: { id: string; name: string; zones: string[] }[];
  demands: (Demand & { gap: number; people: BoardPerson[] })[];
  hours: { siteId: string; hour: string; needed: number; planned: number; gap: number }[];
}

export interface Violation {
  rule: string;
  from: string;
  to: string;
  hours: number;
  limit: number;
}

export type ProblemCode = "unqualified" | "overlap" | "unavailable" | "rest_rule" | "already_assigned";

export interface Problem {
  code: ProblemCode;
  overridable: boolean;
  violations?: Violation[];
  missing?: string[];
}

export interface Candidate {
  workerId: string;
  name: string;
  badgeNo: string | null;
  source: string;
  qualifications: string[];
  plannedHours: number;
  problems: Problem[];
}

export interface ProposedAssignment {
  demandId: string;
  workerId: string;
  name: string;
  badgeNo: string | null;
  siteId: string;
  zone: string;
  startsAt: string;
  endsAt: string;
}

export interface ScanResult {
  kind: "arrival" | "departure";
  attendanceId: string;
  at: string;
  worker: { id: string; name: string; badgeNo: string | null };
  shift: { siteName: string; zone: string; startsAt: string; endsAt: string } | null;
  lateMinutes: number | null;
  hours: number | null;
}

export interface AttendanceToday {
  items: {
    id: string;
    workerId: string;
    name: string;
    badgeNo: string | null;
    siteName: string | null;
    zone: string | null;
    checkInAt: string;
    checkOutAt: string | null;
    hours: number;
    lateMinutes: number | null;
  }[];
  onDuty: number;
  arrivals: number;
  noShows: {
    assignmentId: string;
    name: string;
    badgeNo: string | null;
    siteName: string;
    zone: string;
    startsAt: string;
  }[];
}

export interface OverLimit {
  items: {
    workerId: string;
    name: string;
    badgeNo: string | null;
    onDuty: boolean;
    rule: string;
    hours: number;
    limit: number;
    from: string;
    to: string;
  }[];
}

export interface HoursRow {
  workerId: string;
  name: string;
  badgeNo: string | null;
  source: string;
  sourceOrg: string | null;
  communityName: string;
  shifts: number;
  hours: number;
  firstAt: string | null;
  lastAt: string | null;
}

export interface MyShift {
  campaignName: string;
  siteName: string;
  address: string;
  zone: string;
  startsAt: string;
  endsAt: string;
  attended: boolean;
}

export interface MyShifts {
  displayName: string | null;
  badgeNo: string | null;
  onDuty: boolean;
  hours: number;
  upcoming: MyShift[];
  past: MyShift[];
}

export const fetchBoard = (campaignId: string, siteId: string | undefined, signal?: AbortSignal) =>
  apiGet<Board>("/shifts/board", { campaignId, siteId }, signal);
export const fetchCandidates = (demandId: string, signal?: AbortSignal) =>
  apiGet<{ items: Candidate[] }>(
    `/shifts/demands/${encodeURIComponent(demandId)}/candidates`,
    undefined,
    signal,
  );
export const assignWorker = (demandId: string, workerId: string, reason?: string) =>
  apiSend<{ id: string }>("POST", "/shifts/assignments", {
    demandId,
    workerId,
    ...(reason ? { override: { reason } } : {}),
  });
export const cancelAssignment = (id: string) =>
  apiDelete<{ id: string }>(`/shifts/assignments/${encodeURIComponent(id)}`);
export const generateDemands = (input: {
  campaignId: string;
  siteId: string;
  windowHours: number;
  perZone: Record<string, number>;
}) =>
  apiSend<{ created: number; updated: number; skipped: number }>("POST", "/shifts/demands/generate", input);
export const putDemand = (input: {
  campaignId: string;
  siteId: string;
  zone: string;
  startsAt: string;
  endsAt: string;
  needed: number;
}) => apiSend<Demand>("PUT", "/shifts/demands", input);
export const proposeShifts = (campaignId: string, siteIds?: string[]) =>
  apiSend<{ assignments: ProposedAssignment[]; gaps: { demandId: string; missing: number }[] }>(
    "POST",
    "/shifts/propose",
    {
      campaignId,
      ...(siteIds ? { siteIds } : {}),
    },
  );
export const acceptProposal = (campaignId: string, assignments: { demandId: string; workerId: string }[]) =>
  apiSend<{ saved: number; refused: { demandId: string; workerId: string; code: string }[] }>(
    "POST",
    "/shifts/propose/accept",
    {
      campaignId,
      assignments,
    },
  );
export const scanBadge = (badge: string, siteId?: string, campaignId?: string) =>
  apiSend<ScanResult>("POST", "/shifts/attendance/scan", { badge, siteId, campaignId });
export const fetchAttendance = (
  campaignId: string | undefined,
  siteId: string | undefined,
  signal?: AbortSignal,
) => apiGet<AttendanceToday>("/shifts/attendance", { campaignId, siteId }, signal);
export const fetchOverLimit = (campaignId: string, signal?: AbortSignal) =>
  apiGet<OverLimit>("/shifts/over-limit", { campaignId }, signal);
export const fetchHours = (campaignId: string, signal?: AbortSignal) =>
  apiGet<{ campaignName: string; items: HoursRow[] }>("/shifts/hours", { campaignId }, signal);
export const sendMessage = (input: {
  campaignId: string;
  siteId?: string;
  demandId?: string;
  text: string;
}) => apiSend<{ runId: string; queued: number }>("POST", "/shifts/messages", input);
export const fetchMyShifts = (code: string, signal?: AbortSignal) =>
  apiGet<MyShifts>(`/public/my-shifts/${encodeURIComponent(code)}`, undefined, signal);
