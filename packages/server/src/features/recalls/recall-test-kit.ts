import { expect } from "vitest";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { TestContext } from "../../test/test-context";
import { foldAllQueued } from "../command/fold-samples";
import { barcode, makeStation, postScans } from "../station/station-test-kit";
import { type AppliedTubeResult, applyTubeResults, type TubeResultValue } from "./apply-tube-results";

/**
 * Fills a tube through the real station API: opens it (single when asked), binds the people in
 * order and seals it unless it sealed itself. Every scan must apply.
 */
export async function fillTube(
  t: TestContext,
  cookie: string,
  at: { campaignId: string; siteId: string },
  people: ({ residentId: string } | { walkIn: Record<string, string> })[],
  opts: { single?: boolean; code?: string } = {},
): Promise<string> {
  const s = makeStation(at.campaignId, at.siteId);
  const code = opts.code ?? barcode();
  const scans = [s.open(code, opts.single ? { single: true } : {}), ...people.map((p) => s.bind(code, p))];
  const results = await postScans(t, cookie, s.stationId, scans);
  expect(results.map((r) => r.code ?? r.status)).toEqual(scans.map(() => "applied"));
  if (results.at(-1)?.tube?.status === "open") {
    const sealed = await postScans(t, cookie, s.stationId, [s.seal(code)]);
    expect(sealed[0]?.status).toBe("applied");
  }
  // What the server's folder does a moment later: the samples reach the dashboard's rollups.
  await foldAllQueued(t.db);
  return code;
}

/**
 * What the lab's import does with a result, without its routes: a batch row, the tube_results
 * row and the tube marked resulted, then applyTubeResults, all in one transaction. A tube that
 * already has a result keeps it (as a conflict would), so calling this twice re-applies.
 */
export async function recordResults(
  t: TestContext,
  lines: { barcode: string; result: TubeResultValue }[],
): Promise<void> {
  await inTransaction(t.db, async (trx) => {
    const tubes = await trx
      .selectFrom("tubes")
      .select(["id", "barcode", "campaign_id"])
      .where(
        "barcode",
        "in",
        lines.map((l) => l.barcode),
      )
      .execute();
    const byCode = new Map(tubes.map((tube) => [tube.barcode, tube]));
    const batchId = newId();
    await trx
      .insertInto("result_batches")
      .values({ id: batchId, source: "api", lines: lines.length, applied: lines.length })
      .execute();
    const applied: AppliedTubeResult[] = lines.map((l) => {
      const tube = byCode.get(l.barcode);
      if (!tube) throw new Error(`No tube ${l.barcode}`);
      return { tubeId: tube.id, campaignId: tube.campaign_id, result: l.result, testedAt: new Date() };
    });
    await trx
      .insertInto("tube_results")
      .values(
        applied.map((a) => ({
          tube_id: a.tubeId,
          campaign_id: a.campaignId,
          result: a.result,
          tested_at: a.testedAt,
          batch_id: batchId,
        })),
      )
      .onConflict((oc) => oc.column("tube_id").doNothing())
      .execute();
    await trx
      .updateTable("tubes")
      .set({ status: "resulted" })
      .where(
        "id",
        "in",
        applied.map((a) => a.tubeId),
      )
      .execute();
    await applyTubeResults(trx, applied);
  });
}

/** The residents of a building, two per household, in door order. */
export async function residentsOf(t: TestContext, buildingId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("residents as r")
    .innerJoin("households as h", "h.id", "r.household_id")
    .select("r.id")
    .where("r.building_id", "=", buildingId)
    .orderBy("h.sort_key")
    .orderBy("r.id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * What settling a lab conflict with keep "new" does: the tube's result replaced, then
 * applyTubeResults again in the same transaction.
 */
export async function settleResult(t: TestContext, code: string, result: TubeResultValue): Promise<void> {
  await inTransaction(t.db, async (trx) => {
    const tube = await trx
      .selectFrom("tubes")
      .select(["id", "campaign_id"])
      .where("barcode", "=", code)
      .executeTakeFirstOrThrow();
    const testedAt = new Date();
    await trx
      .updateTable("tube_results")
      .set({ result, tested_at: testedAt })
      .where("tube_id", "=", tube.id)
      .execute();
    await applyTubeResults(trx, [{ tubeId: tube.id, campaignId: tube.campaign_id, result, testedAt }]);
  });
}
