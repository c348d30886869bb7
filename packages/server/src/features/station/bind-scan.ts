import { bindToTube } from "@shequ/core/tube-state";
import { sql } from "kysely";
import { newId } from "../../db/ids";
import { insertSamples } from "../command/fold-samples";
import { findPerson, type Person } from "./find-person";
import { markResampled, selectRecalledResidents } from "./queries";
import {
  applied,
  lockTube,
  RECALL_SINGLE_TUBE,
  rejected,
  type ScanContext,
  type ScanOutcome,
  TUBE_MESSAGES,
  tubeOfPoint,
  tubeState,
} from "./scan-outcome";
import { BindScan } from "./station-schema";

/**
 * Binds one person to an open tube. The tube row is locked first, so stations binding into the
 * same tube take turns and its counter (checked people <= pool_size in the database) never passes
 * the pool size; the tube seals itself at the last place. Someone already sampled in the round
 * needs an override with a reason. A walk-in is stored and flagged for the registry owners.
 */
export async function applyBind(ctx: ScanContext, body: unknown): Promise<ScanOutcome> {
  const parsed = BindScan.safeParse(body);
  if (!parsed.success) return rejected("invalid_scan", parsed.error.issues[0]?.message ?? "Bad scan");
  const bind = parsed.data;
  const { trx, point } = ctx;
  const tube = tubeOfPoint(ctx, await lockTube(trx, bind.barcode));
  if (!tube) return rejected("tube_unknown", "No such tube at this point: scan its barcode to open it");
  const step = bindToTube(tubeState(tube));
  if (!step.ok) return rejected(step.code, TUBE_MESSAGES[step.code] as string, tube.id);

  const person = await findPerson(ctx, bind);
  if ("status" in person) return { ...person, tubeId: tube.id };
  const recallId =
    person.kind === "resident"
      ? (await selectRecalledResidents(trx, point.campaign.id, [person.residentId])).get(person.residentId)
      : undefined;
  if (recallId && tube.pool_size !== 1) return rejected("recall_single_tube", RECALL_SINGLE_TUBE, tube.id);
  if (!recallId && !bind.override && (await isSampled(ctx, person))) {
    return rejected(
      "already_sampled",
      "Already sampled in this round: override with a reason to sample again",
      tube.id,
    );
  }

  // The row is locked and the step checked; the guard on people keeps the check constraint unreachable.
  const moved = await trx
    .updateTable("tubes")
    .set({
      people: step.tube.people,
      status: step.tube.status,
      sealed_at: step.tube.status === "sealed" ? ctx.scan.at : null,
    })
    .where("id", "=", tube.id)
    .where("people", "=", tube.people)
    .where(sql.ref("people"), "<", sql.ref("pool_size"))
    .returning("id")
    .executeTakeFirst();
  if (!moved) return rejected("tube_full", TUBE_MESSAGES.tube_full as string, tube.id);

  let walkInId: string | null = null;
  if (person.kind === "walk_in") {
    walkInId = newId();
    await trx
      .insertInto("walk_ins")
      .values({
        id: walkInId,
        campaign_id: point.campaign.id,
        site_id: point.site.id,
        scan_id: ctx.scan.id,
        name: person.walkIn.name,
        id_type: person.walkIn.idType,
        id_number: person.walkIn.idNumber,
        phone: person.walkIn.phone || null,
        created_by: ctx.user.id,
      })
      .execute();
  }
  const sampleId = newId();
  await insertSamples(trx, [
    {
      id: sampleId,
      campaign_id: point.campaign.id,
      resident_id: person.kind === "resident" ? person.residentId : null,
      household_id: person.kind === "resident" ? person.householdId : null,
      walk_in_id: walkInId,
      site_id: point.site.id,
      sampled_at: ctx.scan.at,
      tube_id: tube.id,
      tube_position: step.tube.people,
      scan_id: ctx.scan.id,
      registrar_id: ctx.user.id,
      override_reason: bind.override?.reason ?? null,
      fever: bind.fever === true,
    },
  ]);
  if (recallId) await markResampled(trx, [{ recallId, sampleId }]);
  return applied(tube.id);
}

/** A live (not undone) sample of this person in the round, at any point. */
async function isSampled(ctx: ScanContext, person: Person): Promise<boolean> {
  const campaignId = ctx.point.campaign.id;
  if (person.kind === "resident") {
    const row = await ctx.trx
      .selectFrom("samples")
      .select("id")
      .where("campaign_id", "=", campaignId)
      .where("resident_id", "=", person.residentId)
      .where("undone_at", "is", null)
      .executeTakeFirst();
    return row !== undefined;
  }
  const row = await ctx.trx
    .selectFrom("samples as s")
    .innerJoin("walk_ins as w", "w.id", "s.walk_in_id")
    .select("s.id")
    .where("w.campaign_id", "=", campaignId)
    .where("w.id_type", "=", person.walkIn.idType)
    .where("w.id_number", "=", person.walkIn.idNumber)
    .where("s.undone_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}
