import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { CreatedAt, Optional, Timestamp } from "./schema-columns";
import type {
  CoverageCountTable,
  CoverageFoldLockTable,
  CoverageHourTable,
  CoverageQueueTable,
  ExemptionTable,
  MissingContactTable,
  RoundSnapshotTable,
  SiteHourTable,
  SiteLoadTable,
} from "./schema-command-view";
import type {
  BoxTable,
  CustodyEventTable,
  LabTokenTable,
  RecallTable,
  RecallTaskTable,
  ResultBatchTable,
  ResultConflictTable,
  StationScanTable,
  TubeResultTable,
  TubeTable,
  WalkInTable,
} from "./schema-sample-chain";
import type {
  AttendanceTable,
  ShiftAssignmentTable,
  ShiftDemandTable,
  WorkerLoanTable,
  WorkerTable,
} from "./schema-workforce";

export type * from "./schema-command-view";
export type * from "./schema-sample-chain";
export type * from "./schema-workforce";

/** Timestamps: written as Date or string, read back as Date. */

export interface RegionTable {
  id: string;
  parent_id: string | null;
  level: string;
  name: string;
  code: string | null;
  sort_key: string;
  path: string;
  created_at: CreatedAt;
}

export interface HouseholdTable {
  id: string;
  unit_id: string;
  building_id: string;
  grid_id: string;
  community_id: string;
  door: string;
  sort_key: string;
  created_at: CreatedAt;
}

export interface ResidentTable {
  id: string;
  household_id: string;
  unit_id: string;
  building_id: string;
  grid_id: string;
  community_id: string;
  address_key: string;
  name: string;
  id_type: string;
  id_number: string;
  /** YYYY-MM-DD; the date parser is set to keep it a string on both drivers. */
  birth_date: string | null;
  sex: string | null;
  phone: string | null;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<string>;
  moved_out_at: Timestamp | null;
  note: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_region_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface LoginAttemptTable {
  id: string;
  username: string;
  ip: string;
  ok: boolean;
  at: CreatedAt;
}

export interface AuditLogTable {
  id: string;
  at: CreatedAt;
  user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface ImportJobTable {
  id: string;
  user_id: string | null;
  kind: string;
  filename: string;
  status: string;
  mapping: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  total_rows: Generated<number>;
  valid_rows: Generated<number>;
  rejected_rows: Generated<number>;
  inserted_rows: Generated<number>;
  updated_rows: Generated<number>;
  error: string | null;
  file: Uint8Array | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface CampaignTable {
  id: string;
  name: string;
  status: Generated<string>;
  starts_at: Timestamp;
  deadline_at: Timestamp;
  pool_size: number;
  slot_minutes: Generated<number>;
  headroom: Generated<number>;
  home_run_size: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  scheduled_at: Timestamp | null;
  /** core/rest-rules.ts RestRules for the round's workforce; null = the defaults. */
  rest_rules: ColumnType<unknown | null, string | null | undefined, string | null>;
}

export interface CampaignRegionTable {
  campaign_id: string;
  region_id: string;
}

export interface SiteTable {
  id: string;
  campaign_id: string;
  name: string;
  address: Generated<string>;
  lanes: number;
  per_lane_per_hour: Generated<number>;
  zones: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
}

export interface SiteWindowTable {
  site_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export interface SiteRegionTable {
  site_id: string;
  region_id: string;
  /** The site's round and the region's path, copied so a region's points are one index range. */
  campaign_id: string;
  path: string;
}

export interface SlotTable {
  id: string;
  campaign_id: string;
  site_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  booked: Generated<number>;
}

export interface SlotAssignmentTable {
  campaign_id: string;
  household_id: string;
  slot_id: string;
  people: number;
  /** Bumped whenever the household's slot moves; notices compare it with what was last sent. */
  revision: Generated<number>;
  moved_at: Timestamp | null;
}

export interface SampleTable {
  id: string;
  campaign_id: string;
  /** Null for a walk-in (walk_in_id set instead). */
  resident_id: string | null;
  household_id: string | null;
  site_id: string | null;
  sampled_at: Timestamp;
  created_at: CreatedAt;
  tube_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1-based place in the tube; the live binding with the highest one is "the last". */
  tube_position: ColumnType<number | null, number | null | undefined, number | null>;
  scan_id: ColumnType<string | null, string | null | undefined, string | null>;
  registrar_id: ColumnType<string | null, string | null | undefined, string | null>;
  override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  fever: Generated<boolean>;
  undone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  walk_in_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface HomeRunTable {
  id: string;
  campaign_id: string;
  building_id: string;
  seq: number;
  people: number;
}

export interface HomeRunStopTable {
  run_id: string;
  household_id: string;
  seq: number;
  people: number;
}

export interface Database {
  regions: RegionTable;
  households: HouseholdTable;
  residents: ResidentTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobTable;
  campaigns: CampaignTable;
  campaign_regions: CampaignRegionTable;
  sites: SiteTable;
  site_windows: SiteWindowTable;
  site_regions: SiteRegionTable;
  slots: SlotTable;
  slot_assignments: SlotAssignmentTable;
  home_runs: HomeRunTable;
  home_run_stops: HomeRunStopTable;
  samples: SampleTable;
  // -- notices (features/notices) --
  notice_states: NoticeStateTable;
  notice_runs: NoticeRunTable;
  sms_outbox: SmsOutboxTable;
  token_keys: TokenKeyTable;
  // -- station (features/station) --
  tubes: TubeTable;
  station_scans: StationScanTable;
  walk_ins: WalkInTable;
  // -- sample chain (features/boxes, features/lab, features/recalls) --
  boxes: BoxTable;
  custody_events: CustodyEventTable;
  lab_tokens: LabTokenTable;
  result_batches: ResultBatchTable;
  tube_results: TubeResultTable;
  result_conflicts: ResultConflictTable;
  recall_tasks: RecallTaskTable;
  recalls: RecallTable;
  // -- workforce (features/workers, features/shifts) --
  workers: WorkerTable;
  worker_loans: WorkerLoanTable;
  shift_demands: ShiftDemandTable;
  shift_assignments: ShiftAssignmentTable;
  attendance: AttendanceTable;
  // -- command view (features/command, features/missing, features/reports) --
  coverage_counts: CoverageCountTable;
  coverage_hours: CoverageHourTable;
  site_load: SiteLoadTable;
  site_hours: SiteHourTable;
  coverage_queue: CoverageQueueTable;
  coverage_fold_lock: CoverageFoldLockTable;
  exemptions: ExemptionTable;
  missing_contacts: MissingContactTable;
  round_snapshots: RoundSnapshotTable;
}

export type Region = Selectable<RegionTable>;
export type Resident = Selectable<ResidentTable>;
export type NewResident = Insertable<ResidentTable>;
export type ResidentUpdate = Updateable<ResidentTable>;
export type User = Selectable<UserTable>;
export type Campaign = Selectable<CampaignTable>;

export interface NoticeStateTable {
  campaign_id: string;
  household_id: string;
  /** The slot_assignments.revision this state is about; older than the current one = pending. */
  revision: number;
  status: string;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface NoticeRunTable {
  id: string;
  campaign_id: string;
  region_id: string | null;
  households: Generated<number>;
  no_phone: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SmsOutboxTable {
  id: string;
  campaign_id: string;
  /** Null for a message to a worker (worker_id set instead). */
  household_id: string | null;
  worker_id: Optional<string>;
  revision: number;
  phone: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  lease_until: Timestamp | null;
  last_error: string | null;
  provider_id: string | null;
  sent_at: Timestamp | null;
  run_id: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TokenKeyTable {
  key_id: string;
  /** base64url of the 32-byte Ed25519 public key. */
  public_key: string;
  /** base64url of the 32-byte Ed25519 secret key. */
  secret_key: string;
  created_at: CreatedAt;
  retired_at: Timestamp | null;
}
