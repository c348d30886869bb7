import { checkResultLines, type ResultInput } from "@shequ/core/lab-results";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  barcodesToFind,
  classifyLines,
  countOutcomes,
  presentReport,
  type ReportLine,
  reportOf,
} from "./classify-lines";
import type { LabActor } from "./lab-actor";
import { findTubesForResults } from "./queries";

export interface ResultPreview {
  fileName: string;
  format: "csv" | "xlsx";
  lines: number;
  /** Lines that would be applied if the file were sent now. */
  applied: number;
  repeated: number;
  unknown: number;
  conflicts: number;
  invalid: number;
  report: ReportLine[];
}

/**
 * What sending a result file would do, line by line, writing nothing: the lab sees every problem
 * and its reason before anything reaches a tube, fixes the file or sends it as it is.
 */
export async function previewResults(
  db: Kysely<Database>,
  actor: LabActor,
  file: { fileName: string; format: "csv" | "xlsx"; inputs: readonly ResultInput[] },
  now = new Date(),
): Promise<ResultPreview> {
  const checked = checkResultLines(file.inputs, now);
  const typed = new Map(file.inputs.map((i) => [i.line, i.barcode]));
  const tubes = await findTubesForResults(db, actor, barcodesToFind(checked, typed), false);
  const outcomes = classifyLines(checked, tubes);
  const counts = countOutcomes(outcomes);
  return {
    fileName: file.fileName,
    format: file.format,
    lines: file.inputs.length,
    applied: counts.applied,
    repeated: counts.repeated,
    unknown: counts.unknown,
    conflicts: counts.conflict,
    invalid: counts.invalid,
    report: presentReport(reportOf(outcomes)),
  };
}
