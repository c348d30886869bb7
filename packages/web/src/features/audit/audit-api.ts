import { apiGet } from "../../app/api-client";

export interface AuditEntry {
  id: string;
  at: string;
  /** Null for the command line or the system. */
  user: { id: string; username: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  entityId?: string;
  userId?: string;
  action?: string;
  page: number;
}

export function findAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return apiGet("/audit", { ...query, pageSize: AUDIT_PAGE_SIZE }, signal);
}

/**
 * Actions the server records, for the filter; others still show, by their code. "resident.*"
 * style prefixes select a whole family.
 */
export const KNOWN_ACTIONS = [
  "resident.*",
  "resident.reveal",
  "resident.create",
  "resident.update",
  "resident.move_out",
  "resident.move_in",
  "resident.export",
  "import.*",
  "region.*",
  "user.*",
  "campaign.*",
  "campaign.schedule",
  "notice.*",
  "notice.print",
  "lab.*",
  "lab.results.upload",
  "lab.conflict.settle",
  "recall.*",
  "recall.control",
  "recall.resident_status",
  "box.*",
  "box.hand_over",
  "box.receive",
  "walk_in.*",
  "walk_in.reveal",
  "worker.*",
  "worker.approve",
  "worker.signup",
  "shift.*",
  "shift.assign.override",
  "attendance.*",
  "auth.login",
] as const;
