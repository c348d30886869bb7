import { maskIdNumber } from "@shequ/core/mask";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { applyBind } from "./bind-scan";
import { OPEN_ROUND } from "./find-station-point";
import { presentTube, rejected, type ScanContext, type ScanOutcome } from "./scan-outcome";
import type { ScanResult, TubeView } from "./station-schema";
import { applyOpenTube, applySeal, applyUnbindLast } from "./tube-scans";

const HANDLERS: Record<string, (ctx: ScanContext, body: unknown) => Promise<ScanOutcome>> = {
  open_tube: applyOpenTube,
  bind: applyBind,
  unbind_last: applyUnbindLast,
  seal: applySeal,
};

/**
 * Applies one scan inside the caller's transaction. The scan row is inserted first: its id is the
 * idempotency key, and a conflict means it was seen before, so it answers "duplicate" with the
 * outcome stored the first time and changes nothing. Rejected scans are stored too.
 */
export async function applyScan(ctx: ScanContext): Promise<ScanResult> {
  const { trx, scan } = ctx;
  const { id, seq, at, campaignId, siteId, kind, ...body } = scan;
  const inserted = await trx
    .insertInto("station_scans")
    .values({
      id,
      station_id: ctx.stationId,
      seq,
      campaign_id: ctx.point.campaign.id,
      site_id: ctx.point.site.id,
      user_id: ctx.user.id,
      kind,
      payload: JSON.stringify(redact(body)),
      status: "pending",
      at,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return answerDuplicate(trx, id);

  const handler = HANDLERS[kind];
  let outcome: ScanOutcome;
  if (!handler) outcome = rejected("invalid_scan", `Unknown scan kind: ${kind.slice(0, 32)}`);
  else if (!OPEN_ROUND.has(ctx.point.campaign.status)) {
    outcome = rejected("round_not_open", `The round is ${ctx.point.campaign.status}`);
  } else outcome = await handler(ctx, body);

  await trx
    .updateTable("station_scans")
    .set({
      status: outcome.status,
      code: outcome.code ?? null,
      message: outcome.message ?? null,
      tube_id: outcome.tubeId ?? null,
    })
    .where("id", "=", id)
    .execute();
  return {
    id,
    status: outcome.status,
    ...(outcome.code ? { code: outcome.code, message: outcome.message } : {}),
    ...(await tubeOf(trx, outcome.tubeId ?? null)),
  };
}

async function answerDuplicate(trx: Transaction<Database>, id: string): Promise<ScanResult> {
  const stored = await trx
    .selectFrom("station_scans")
    .select(["status", "code", "message", "tube_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    id,
    status: "duplicate",
    stored: stored.status === "applied" ? "applied" : "rejected",
    ...(stored.code ? { code: stored.code, message: stored.message ?? undefined } : {}),
    ...(await tubeOf(trx, stored.tube_id)),
  };
}

async function tubeOf(trx: Transaction<Database>, tubeId: string | null): Promise<{ tube?: TubeView }> {
  if (!tubeId) return {};
  const row = await trx
    .selectFrom("tubes")
    .select(["barcode", "status", "pool_size", "people"])
    .where("id", "=", tubeId)
    .executeTakeFirst();
  return row ? { tube: presentTube(row) } : {};
}

/** What is kept of a scan: no ID number in clear, and a walk-in's details live in walk_ins only. */
export function redact(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (typeof out.idNumber === "string") out.idNumber = maskIdNumber(out.idNumber);
  if (out.walkIn !== undefined) out.walkIn = true;
  return out;
}
