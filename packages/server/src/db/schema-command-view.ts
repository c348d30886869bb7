import type { ColumnType, Generated } from "kysely";
import type { CreatedAt, Optional, Timestamp } from "./schema-columns";

// Table types of the command view (features/command, features/missing, features/reports).

/** Per round and region (district … building); kept with each scan by features/command. */
export interface CoverageCountTable {
  campaign_id: string;
  region_id: string;
  parent_id: string | null;
  level: string;
  expected: Generated<number>;
  /** Residents with a live sample in the round. */
  sampled: Generated<number>;
  /** Exempted residents without a live sample. */
  exempted: Generated<number>;
  /** When `expected` was last recounted from the registry. */
  expected_at: Optional<Date>;
}

/** Samples written or undone that the rollups do not reflect yet (features/command/fold-samples). */
export interface CoverageQueueTable {
  sample_id: string;
  /** new | undone */
  kind: string;
  campaign_id: string;
  queued_at: Generated<Date>;
}

/** One row: whoever folds into the rollups holds it. */
export interface CoverageFoldLockTable {
  id: number;
}

/** Residents newly covered per region (grid and up) and hour. */
export interface CoverageHourTable {
  campaign_id: string;
  region_id: string;
  hour: Timestamp;
  sampled: Generated<number>;
}

/** Live samples (walk-ins and repeats included) per point and 5-minute bucket. */
export interface SiteLoadTable {
  campaign_id: string;
  site_id: string;
  bucket: Timestamp;
  samples: Generated<number>;
}

/** Live samples per point and hour (the dashboard's point charts). */
export interface SiteHourTable {
  campaign_id: string;
  hour: Timestamp;
  site_id: string;
  samples: Generated<number>;
}

export interface ExemptionTable {
  campaign_id: string;
  resident_id: string;
  /** away | hospitalised | sampled_elsewhere | other */
  reason: string;
  /** Where, for sampled_elsewhere (or the hospital). */
  place: Optional<string>;
  note: Optional<string>;
  created_by: Optional<string>;
  created_at: CreatedAt;
}

/** Append-only: what a grid worker heard when chasing a missing person. */
export interface MissingContactTable {
  id: string;
  campaign_id: string;
  resident_id: string;
  /** reached_by_phone | will_come | away | hospitalised | sampled_elsewhere | unreachable */
  outcome: string;
  place: Optional<string>;
  note: Optional<string>;
  created_by: Optional<string>;
  created_at: CreatedAt;
}

export interface RoundSnapshotTable {
  campaign_id: string;
  /** The start of the hour it records. */
  hour: Timestamp;
  summary: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
}
