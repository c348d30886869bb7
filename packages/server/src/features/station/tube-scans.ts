import { openTube, reopenTube, sealTube, unbindLast } from "@shequ/core/tube-state";
import { sql } from "kysely";
import { newId } from "../../db/ids";
import { queueUndoneSamples } from "../command/fold-samples";
import { reopenRecallOf } from "./queries";
import {
  applied,
  lockTube,
  rejected,
  type ScanContext,
  type ScanOutcome,
  TUBE_MESSAGES,
  tubeOfPoint,
  tubeState,
} from "./scan-outcome";
import { OpenTubeScan, TubeScan } from "./station-schema";

/**
 * Opens a tube with the round's pool size (1 for a fever case). Scanning a tube this station
 * already has open resumes it; a barcode used elsewhere needs an override with a reason, and
 * even then only a sealed tube of this point with room left is taken over.
 */
export async function applyOpenTube(ctx: ScanContext, body: unknown): Promise<ScanOutcome> {
  const parsed = OpenTubeScan.safeParse(body);
  if (!parsed.success) return rejected("invalid_scan", parsed.error.issues[0]?.message ?? "Bad scan");
  const { barcode, single, override } = parsed.data;
  const { trx, point } = ctx;
  let row = await lockTube(trx, barcode);
  if (!row) {
    const fresh = openTube(point.campaign.pool_size, single === true);
    const id = newId();
    // Two stations opening one barcode at once: the second waits here, then sees the first's tube.
    const inserted = await trx
      .insertInto("tubes")
      .values({
        id,
        barcode,
        campaign_id: point.campaign.id,
        site_id: point.site.id,
        station_id: ctx.stationId,
        pool_size: fresh.poolSize,
        single: single === true,
        opened_by: ctx.user.id,
        opened_at: ctx.scan.at,
      })
      .onConflict((oc) => oc.column("barcode").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return applied(id);
    row = await lockTube(trx, barcode);
    if (!row) throw new Error("A tube vanished while it was being opened");
  }
  const ours = tubeOfPoint(ctx, row);
  if (ours && ours.status === "open" && ours.station_id === ctx.stationId) return applied(ours.id);
  if (!override || !ours) return rejected("tube_used", TUBE_MESSAGES.tube_used as string, ours?.id);
  const step = reopenTube(tubeState(ours));
  if (!step.ok) return rejected(step.code, TUBE_MESSAGES[step.code] as string, ours.id);
  await trx
    .updateTable("tubes")
    .set({ status: "open", station_id: ctx.stationId, sealed_at: null })
    .where("id", "=", ours.id)
    .execute();
  return applied(ours.id);
}

/** Undoes the tube's last live binding (a wrong person, a double scan), reopening a full tube. */
export async function applyUnbindLast(ctx: ScanContext, body: unknown): Promise<ScanOutcome> {
  const parsed = TubeScan.safeParse(body);
  if (!parsed.success) return rejected("invalid_scan", parsed.error.issues[0]?.message ?? "Bad scan");
  const { trx } = ctx;
  const tube = tubeOfPoint(ctx, await lockTube(trx, parsed.data.barcode));
  if (!tube) return rejected("tube_unknown", "No such tube at this point: scan its barcode to open it");
  const step = unbindLast(tubeState(tube));
  if (!step.ok) return rejected(step.code, TUBE_MESSAGES[step.code] as string, tube.id);
  const undone = await trx
    .updateTable("samples")
    .set({ undone_at: sql`now()` })
    .where("tube_id", "=", tube.id)
    .where("tube_position", "=", tube.people)
    .where("undone_at", "is", null)
    .returning(["id", "campaign_id"])
    .executeTakeFirst();
  if (!undone) throw new Error("A tube's counter and its live samples disagree");
  await queueUndoneSamples(trx, [undone]);
  await reopenRecallOf(trx, undone.id);
  await trx
    .updateTable("tubes")
    .set({ people: step.tube.people, status: step.tube.status, sealed_at: null })
    .where("id", "=", tube.id)
    .execute();
  return applied(tube.id);
}

/** Seals a tube by the button, before it is full. */
export async function applySeal(ctx: ScanContext, body: unknown): Promise<ScanOutcome> {
  const parsed = TubeScan.safeParse(body);
  if (!parsed.success) return rejected("invalid_scan", parsed.error.issues[0]?.message ?? "Bad scan");
  const { trx } = ctx;
  const tube = tubeOfPoint(ctx, await lockTube(trx, parsed.data.barcode));
  if (!tube) return rejected("tube_unknown", "No such tube at this point: scan its barcode to open it");
  const step = sealTube(tubeState(tube));
  if (!step.ok) return rejected(step.code, TUBE_MESSAGES[step.code] as string, tube.id);
  await trx
    .updateTable("tubes")
    .set({ status: step.tube.status, sealed_at: ctx.scan.at })
    .where("id", "=", tube.id)
    .execute();
  return applied(tube.id);
}
