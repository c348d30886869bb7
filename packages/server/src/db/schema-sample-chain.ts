import type { ColumnType, Generated } from "kysely";
import type { CreatedAt, Optional, OptionalTime, Timestamp } from "./schema-columns";

// Table types of the sample chain: the station's tubes, scans and walk-ins, then boxes, custody,
// lab results and recalls.

export interface BoxTable {
  id: string;
  barcode: string;
  campaign_id: string;
  site_id: string;
  /** packing → sealed → handed_over → received. */
  status: Generated<string>;
  tubes: Generated<number>;
  created_by: Optional<string>;
  created_at: CreatedAt;
  sealed_at: OptionalTime;
  handed_over_at: OptionalTime;
  /** Courier's name (and phone) at hand-over: a worker's data, not a resident's. */
  courier: Optional<string>;
  received_at: OptionalTime;
  received_by: Optional<string>;
}

/** Append-only chain of custody of a box and its tubes. */
export interface CustodyEventTable {
  id: string;
  box_id: string;
  tube_id: Optional<string>;
  kind: string;
  user_id: Optional<string>;
  party: Optional<string>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  at: Generated<Date>;
}

export interface LabTokenTable {
  id: string;
  name: string;
  /** sha256 of the token; the token itself is shown once. */
  token_hash: string;
  region_id: string;
  created_by: Optional<string>;
  created_at: CreatedAt;
  last_used_at: OptionalTime;
  revoked_at: OptionalTime;
}

export interface ResultBatchTable {
  id: string;
  source: "file" | "api";
  file_name: Optional<string>;
  user_id: Optional<string>;
  token_id: Optional<string>;
  lines: Generated<number>;
  applied: Generated<number>;
  repeated: Generated<number>;
  unknown: Generated<number>;
  conflicts: Generated<number>;
  invalid: Generated<number>;
  report: ColumnType<unknown[], string | undefined, string>;
  created_at: CreatedAt;
}

export interface TubeResultTable {
  tube_id: string;
  campaign_id: string;
  result: "negative" | "positive" | "invalid";
  tested_at: Timestamp;
  batch_id: string;
  recorded_at: CreatedAt;
}

export interface ResultConflictTable {
  id: string;
  tube_id: string;
  batch_id: string;
  result: string;
  tested_at: Timestamp;
  settled_at: OptionalTime;
  settled_by: Optional<string>;
  created_at: CreatedAt;
  /** Which result the person settling kept, and why (migration 0008). */
  settled_keep: Optional<"existing" | "new">;
  settle_reason: Optional<string>;
  previous_result: Optional<string>;
}

export interface RecallTaskTable {
  id: string;
  campaign_id: string;
  household_id: string;
  tube_id: string;
  reason: "positive" | "invalid";
  /** open → controlled (household reached and kept home) → resampled → closed. */
  status: Generated<string>;
  home_sampling: Generated<boolean>;
  note: Optional<string>;
  created_at: CreatedAt;
  controlled_at: OptionalTime;
  controlled_by: Optional<string>;
  closed_at: OptionalTime;
}

export interface RecallTable {
  id: string;
  task_id: string;
  campaign_id: string;
  resident_id: string;
  /** The pooled sample that put the person here. */
  sample_id: string;
  /** open → resampled (single tube bound) → closed (its result came). */
  status: Generated<string>;
  resample_id: Optional<string>;
  result: Optional<string>;
  created_at: CreatedAt;
  closed_at: OptionalTime;
}

export interface TubeTable {
  id: string;
  barcode: string;
  campaign_id: string;
  site_id: string;
  station_id: string;
  /** The round's pool size, or 1 for a single (fever) tube; people <= pool_size is checked. */
  pool_size: number;
  single: Generated<boolean>;
  people: Generated<number>;
  status: Generated<string>;
  opened_by: string | null;
  opened_at: Timestamp;
  sealed_at: Timestamp | null;
  created_at: CreatedAt;
  /** The transport box it is packed in (status 'boxed' and on). */
  box_id: ColumnType<string | null, string | null | undefined, string | null>;
  boxed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  received_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface StationScanTable {
  /** The station's own scan id (UUIDv7): the idempotency key. */
  id: string;
  station_id: string;
  seq: number;
  campaign_id: string;
  site_id: string;
  user_id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: string;
  code: string | null;
  message: string | null;
  tube_id: string | null;
  at: Timestamp;
  received_at: CreatedAt;
}

export interface WalkInTable {
  id: string;
  campaign_id: string;
  site_id: string;
  scan_id: string;
  name: string;
  id_type: string;
  id_number: string;
  phone: string | null;
  status: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
}
