import type { TubeResult } from "@shequ/core/lab-results";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { siteVisible } from "../station/find-station-point";
import { type LabActor, scopeUser } from "./lab-actor";

export interface TubeForResult {
  id: string;
  barcode: string;
  campaign_id: string;
  status: string;
  existing: TubeResult | null;
}

/**
 * The tubes named by these barcodes that lie in the actor's area (the tube's collection point
 * serves a region overlapping it): one query for a whole file. With `lock`, the rows are locked
 * in id order for the rest of the transaction, so two batches naming one tube take turns and
 * never deadlock.
 */
export async function findTubesForResults(
  db: Kysely<Database>,
  actor: LabActor,
  barcodes: readonly string[],
  lock: boolean,
): Promise<TubeForResult[]> {
  if (barcodes.length === 0) return [];
  let query = db
    .selectFrom("tubes as t")
    .innerJoin("sites as s", "s.id", "t.site_id")
    .leftJoin("tube_results as r", "r.tube_id", "t.id")
    .select(["t.id", "t.barcode", "t.campaign_id", "t.status", "r.result as existing"])
    .where("t.barcode", "=", sql<string>`any(${barcodes}::text[])`)
    .where(siteVisible(scopeUser(actor), "s"))
    .orderBy("t.id");
  if (lock) query = query.forUpdate("t");
  return query.execute();
}

export interface NewTubeResult {
  tubeId: string;
  campaignId: string;
  result: TubeResult;
  testedAt: Date;
}

/** Writes the results and moves their tubes to "resulted": two statements for any number. */
export async function insertTubeResults(
  trx: Kysely<Database>,
  batchId: string,
  results: readonly NewTubeResult[],
): Promise<void> {
  if (results.length === 0) return;
  const tubeIds = results.map((r) => r.tubeId);
  await sql`
    insert into tube_results (tube_id, campaign_id, result, tested_at, batch_id)
    select u.tube_id, u.campaign_id, u.result, u.tested_at, ${batchId}::uuid
      from unnest(${tubeIds}::uuid[], ${results.map((r) => r.campaignId)}::uuid[],
                  ${results.map((r) => r.result)}::text[],
                  ${results.map((r) => r.testedAt.toISOString())}::timestamptz[])
           as u(tube_id, campaign_id, result, tested_at)`.execute(trx);
  await sql`update tubes set status = 'resulted' where id = any(${tubeIds}::uuid[])`.execute(trx);
}

export interface NewConflict {
  id: string;
  tubeId: string;
  result: TubeResult;
  testedAt: Date;
}

/** Records conflicts for a person to settle; one already recorded (same tube, result, time) stays as it is. */
export async function insertConflicts(
  trx: Kysely<Database>,
  batchId: string,
  conflicts: readonly NewConflict[],
): Promise<void> {
  if (conflicts.length === 0) return;
  await sql`
    insert into result_conflicts (id, tube_id, batch_id, result, tested_at)
    select u.id, u.tube_id, ${batchId}::uuid, u.result, u.tested_at
      from unnest(${conflicts.map((c) => c.id)}::uuid[], ${conflicts.map((c) => c.tubeId)}::uuid[],
                  ${conflicts.map((c) => c.result)}::text[],
                  ${conflicts.map((c) => c.testedAt.toISOString())}::timestamptz[])
           as u(id, tube_id, result, tested_at)
    on conflict (tube_id, result, tested_at) do nothing`.execute(trx);
}
