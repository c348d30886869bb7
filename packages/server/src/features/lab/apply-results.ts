import { checkResultLines, type ResultInput } from "@shequ/core/lab-results";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { recordAudit } from "../audit/record-audit";
import { applyTubeResults } from "../recalls/apply-tube-results";
import { type BatchView, presentBatch } from "./batch-view";
import { barcodesToFind, classifyLines, countOutcomes, type LineOutcome, reportOf } from "./classify-lines";
import type { LabActor } from "./lab-actor";
import { findTubesForResults, insertConflicts, insertTubeResults, type NewTubeResult } from "./queries";

export interface ResultSubmission {
  source: "file" | "api";
  fileName: string | null;
  inputs: readonly ResultInput[];
}

/**
 * Records one upload or API post as a batch and applies the lines that can be applied, all in
 * one transaction: the results, their tubes moving to "resulted", the recalls they cause
 * (applyTubeResults), the conflicts kept for a person to settle, and the audit row. The tubes are
 * locked while their lines are decided, so two batches naming the same tube cannot both apply it.
 * A batch sent twice applies nothing the second time: its lines come back "repeated".
 */
export async function applyResults(
  db: Kysely<Database>,
  actor: LabActor,
  submission: ResultSubmission,
  now = new Date(),
): Promise<BatchView> {
  const checked = checkResultLines(submission.inputs, now);
  const typed = new Map(submission.inputs.map((i) => [i.line, i.barcode]));
  const barcodes = barcodesToFind(checked, typed);
  return inTransaction(db, async (trx) => {
    const tubes = await findTubesForResults(trx, actor, barcodes, true);
    const outcomes = classifyLines(checked, tubes);
    const counts = countOutcomes(outcomes);
    const report = reportOf(outcomes);
    const batch = await trx
      .insertInto("result_batches")
      .values({
        id: newId(),
        source: submission.source,
        file_name: submission.fileName,
        user_id: actor.userId,
        token_id: actor.tokenId,
        lines: submission.inputs.length,
        applied: counts.applied,
        repeated: counts.repeated,
        unknown: counts.unknown,
        conflicts: counts.conflict,
        invalid: counts.invalid,
        report: JSON.stringify(report),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const applied = appliedResults(outcomes);
    await insertTubeResults(trx, batch.id, applied);
    await insertConflicts(
      trx,
      batch.id,
      outcomes.flatMap((o) =>
        "conflict" in o && o.conflict
          ? [
              {
                id: newId(),
                tubeId: o.conflict.tube.id,
                result: o.conflict.result,
                testedAt: o.conflict.testedAt,
              },
            ]
          : [],
      ),
    );
    await applyTubeResults(trx, applied);
    await recordAudit(trx, {
      userId: actor.userId,
      action: submission.source === "api" ? "lab.results.api" : "lab.results.upload",
      entityType: "result_batch",
      entityId: batch.id,
      details: {
        tokenId: actor.tokenId ?? undefined,
        lines: batch.lines,
        applied: counts.applied,
        repeated: counts.repeated,
        unknown: counts.unknown,
        conflicts: counts.conflict,
        invalid: counts.invalid,
      },
    });
    return presentBatch({ ...batch, by: actor.name }, report);
  });
}

function appliedResults(outcomes: readonly LineOutcome[]): NewTubeResult[] {
  return outcomes.flatMap((o) =>
    o.code === "applied"
      ? [{ tubeId: o.tube.id, campaignId: o.tube.campaign_id, result: o.result, testedAt: o.testedAt }]
      : [],
  );
}
