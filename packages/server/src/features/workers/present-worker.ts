import { maskPhone } from "@shequ/core/mask";
import type { WorkerDetail, WorkerListItem, WorkerSource, WorkerStatus } from "@shequ/core/worker-schema";
import type { selectLoans, WorkerRow } from "./queries";

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** A worker row as a list shows it: the phone masked, the running or next loan if any. */
export function toWorkerItem(row: WorkerRow): WorkerListItem {
  return {
    id: row.id,
    communityId: row.community_id,
    communityName: row.community_name,
    name: row.name,
    hideName: row.hide_name,
    phoneMasked: maskPhone(row.phone),
    source: row.source as WorkerSource,
    sourceOrg: row.source_org,
    sourceCity: row.source_city,
    qualifications: row.qualifications,
    availability: row.availability,
    status: row.status as WorkerStatus,
    badgeNo: row.badge_no,
    lentTo:
      row.loan_id && row.loan_to && row.loan_starts_at && row.loan_ends_at
        ? {
            id: row.loan_id,
            toCommunityId: row.loan_to,
            toCommunityName: row.loan_to_name ?? "",
            startsAt: iso(row.loan_starts_at),
            endsAt: iso(row.loan_ends_at),
          }
        : null,
    createdAt: iso(row.created_at),
  };
}

/** A worker in full (still masked), with every loan. */
export function toWorkerDetail(row: WorkerRow, loans: Awaited<ReturnType<typeof selectLoans>>): WorkerDetail {
  return {
    ...toWorkerItem(row),
    emergencyContact: row.emergency_contact,
    emergencyPhoneMasked: row.emergency_phone ? maskPhone(row.emergency_phone) : null,
    note: row.note,
    badgeCode: row.badge_code,
    approvedAt: row.approved_at ? iso(row.approved_at) : null,
    loans: loans.map((l) => ({
      id: l.id,
      toCommunityId: l.to_community_id,
      toCommunityName: l.to_name,
      startsAt: iso(l.starts_at),
      endsAt: iso(l.ends_at),
    })),
  };
}
