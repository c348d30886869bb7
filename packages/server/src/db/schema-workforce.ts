import type { ColumnType, Generated } from "kysely";
import type { CreatedAt, Optional, OptionalTime, Timestamp } from "./schema-columns";

// Table types of the workforce (issue 6).
export interface WorkerTable {
  id: string;
  /** The community the person belongs to: the scope of who may see and plan them. */
  community_id: string;
  name: string;
  phone: string;
  source: "staff" | "cadre" | "medic" | "volunteer" | "org_member";
  /** Sending organ (cadre), hospital (medic), organisation (member). */
  source_org: Optional<string>;
  source_city: Optional<string>;
  /** core/work-zones.ts QUALIFICATIONS ids. */
  qualifications: ColumnType<string[], string[] | undefined, string[]>;
  /** [{ start, end }] ISO times the person said they can work. */
  availability: ColumnType<{ start: string; end: string }[], string | undefined, string>;
  emergency_contact: Optional<string>;
  emergency_phone: Optional<string>;
  hide_name: Generated<boolean>;
  /** pending (signed up) → approved | rejected; inactive when they stop. */
  status: Generated<string>;
  /** The armband number read aloud. */
  badge_no: Optional<string>;
  /** The random code in the badge's QR; also opens the person's own shifts page. */
  badge_code: Optional<string>;
  note: Optional<string>;
  created_at: CreatedAt;
  approved_at: OptionalTime;
  approved_by: Optional<string>;
}

export interface WorkerLoanTable {
  id: string;
  worker_id: string;
  to_community_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: Optional<string>;
  created_at: CreatedAt;
}

export interface ShiftDemandTable {
  id: string;
  campaign_id: string;
  site_id: string;
  /** core/work-zones.ts zone id (or a zone the point names itself). */
  zone: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  needed: number;
  qualification: Optional<string>;
  created_at: CreatedAt;
}

export interface ShiftAssignmentTable {
  id: string;
  demand_id: string;
  worker_id: string;
  status: Generated<string>;
  /** Rest rules planned over (core/rest-rules.ts ids), with the planner's reason. */
  override_rules: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  override_reason: Optional<string>;
  proposed: Generated<boolean>;
  created_by: Optional<string>;
  created_at: CreatedAt;
  cancelled_at: OptionalTime;
}

export interface AttendanceTable {
  id: string;
  worker_id: string;
  campaign_id: Optional<string>;
  site_id: Optional<string>;
  assignment_id: Optional<string>;
  check_in_at: Timestamp;
  check_out_at: OptionalTime;
  check_in_by: Optional<string>;
  check_out_by: Optional<string>;
  created_at: CreatedAt;
}
