import { maskIdNumber } from "@shequ/core/mask";
import type { TokenPublicKey } from "@shequ/core/resident-token";
import type { Kysely, Transaction } from "kysely";
import type { Config } from "../../config";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { applyBind } from "./bind-scan";
import { findStationPoint, OPEN_ROUND, type StationPoint } from "./find-station-point";
import { listTokenPublicKeys } from "./queries";
import { presentTube, rejected, type ScanContext, type ScanOutcome } from "./scan-outcome";
import type { ScanBatchInput, ScanResult, TubeView } from "./station-schema";
import { applyOpenTube, applySeal, applyUnbindLast } from "./tube-scans";

const HANDLERS: Record<string, (ctx: ScanContext, body: unknown) => Promise<ScanOutcome>> = {
  open_tube: applyOpenTube,
  bind: applyBind,
  unbind_last: applyUnbindLast,
  seal: applySeal,
};

/**
 * Applies a station's scans in seq order in one transaction and answers only after it commits,
 * so every acknowledged scan is durable. Each scan's own id is its idempotency key: the scan row
 * is inserted first, and a conflict means the scan was seen before — it answers "duplicate" with
 * the outcome stored the first time and changes nothing. Rejected scans are stored too.
 */
export async function recordScans(
  db: Kysely<Database>,
  user: SessionUser,
  opts: ScanBatchInput & { config: Pick<Config, "SHEQU_TOKEN_KEY"> },
): Promise<ScanResult[]> {
  requirePermission(user, "station.scan");
  const points = new Map<string, StationPoint>();
  for (const scan of opts.scans) {
    const key = `${scan.campaignId}:${scan.siteId}`;
    if (!points.has(key)) points.set(key, await findStationPoint(db, user, scan.campaignId, scan.siteId));
  }
  // Read before the transaction: on PGlite's one connection a read beside it would wait for ever.
  const tokenKeys: TokenPublicKey[] = opts.scans.some((s) => s.kind === "bind" && typeof s.token === "string")
    ? await listTokenPublicKeys(db, opts.config)
    : [];
  // Applied in seq order; answered in the order sent.
  const order = opts.scans.map((scan, index) => ({ scan, index })).sort((a, b) => a.scan.seq - b.scan.seq);

  try {
    return await inTransaction(db, async (trx) => {
      const results: ScanResult[] = new Array(opts.scans.length);
      const counts = { applied: 0, duplicate: 0, rejected: 0 };
      for (const { scan, index } of order) {
        const point = points.get(`${scan.campaignId}:${scan.siteId}`) as StationPoint;
        const ctx: ScanContext = { trx, user, stationId: opts.stationId, point, scan, tokenKeys };
        const result = await applyScan(ctx);
        counts[result.status] += 1;
        results[index] = result;
      }
      await recordAudit(trx, {
        userId: user.id,
        action: "station.scans",
        entityType: "station",
        entityId: opts.stationId,
        details: { scans: opts.scans.length, ...counts, points: [...points.values()].map((p) => p.site.id) },
      });
      return results;
    });
  } catch (error) {
    // Unreachable while binds lock the tube row, but a check violation must never be a 500.
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === "23514" && constraint === "tubes_people_within_pool") {
      throw new AppError("conflict", "A tube would hold more people than its pool size: sync again", {
        code: "tube_full",
      });
    }
    throw error;
  }
}

async function applyScan(ctx: ScanContext): Promise<ScanResult> {
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
function redact(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (typeof out.idNumber === "string") out.idNumber = maskIdNumber(out.idNumber);
  if (out.walkIn !== undefined) out.walkIn = true;
  return out;
}
