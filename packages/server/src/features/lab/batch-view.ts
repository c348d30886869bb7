import type { Selectable } from "kysely";
import type { ResultBatchTable } from "../../db/schema";
import { presentReport, type ReportLine, type StoredReportLine } from "./classify-lines";

/** A batch in lists: what came in, from whom, and the count of each outcome. */
export interface BatchSummary {
  id: string;
  source: "file" | "api";
  fileName: string | null;
  lines: number;
  applied: number;
  repeated: number;
  unknown: number;
  conflicts: number;
  invalid: number;
  createdAt: string;
  /** The user's display name, or the lab token's name for an API post. */
  by: string | null;
}

/** A batch with every line that was not applied and why. */
export interface BatchView extends BatchSummary {
  report: ReportLine[];
}

type BatchRow = Omit<Selectable<ResultBatchTable>, "report"> & { by: string | null };

export function presentBatchSummary(row: BatchRow): BatchSummary {
  return {
    id: row.id,
    source: row.source,
    fileName: row.file_name,
    lines: Number(row.lines),
    applied: Number(row.applied),
    repeated: Number(row.repeated),
    unknown: Number(row.unknown),
    conflicts: Number(row.conflicts),
    invalid: Number(row.invalid),
    createdAt: new Date(row.created_at).toISOString(),
    by: row.by,
  };
}

export function presentBatch(row: BatchRow, report: readonly StoredReportLine[]): BatchView {
  return { ...presentBatchSummary(row), report: presentReport(report) };
}
