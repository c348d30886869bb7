import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Timestamps: written as Date or string, read back as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

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

export interface Database {
  regions: RegionTable;
  households: HouseholdTable;
  residents: ResidentTable;
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobTable;
}

export type Region = Selectable<RegionTable>;
export type Resident = Selectable<ResidentTable>;
export type NewResident = Insertable<ResidentTable>;
export type ResidentUpdate = Updateable<ResidentTable>;
export type User = Selectable<UserTable>;
