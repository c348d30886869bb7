import type { TokenPublicKey } from "@shequ/core/resident-token";
import type { Kysely, Transaction } from "kysely";
import type { Config } from "../../config";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { applyScan } from "./apply-scan";
import { findStationPoint, type StationPoint } from "./find-station-point";
import { listTokenPublicKeys } from "./queries";
import { ReadCache } from "./read-cache";
import type { ScanContext } from "./scan-outcome";
import type { ScanBatchInput, ScanResult } from "./station-schema";

export type ScanConfig = Pick<Config, "SHEQU_TOKEN_KEY">;

/** One station's POST, checked and with what it needs read, ready to apply in a transaction. */
export interface PreparedScans {
  user: SessionUser;
  stationId: string;
  scans: ScanBatchInput["scans"];
  points: Map<string, StationPoint>;
  tokenKeys: TokenPublicKey[];
}

/** Checks the permission and reads the rounds, points and token keys the scans need. */
export async function prepareScans(
  db: Kysely<Database>,
  user: SessionUser,
  opts: ScanBatchInput & { config: ScanConfig },
  cache: ReadCache = new ReadCache(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY),
): Promise<PreparedScans> {
  requirePermission(user, "station.scan");
  const points = new Map<string, StationPoint>();
  for (const scan of opts.scans) {
    const key = `${scan.campaignId}:${scan.siteId}`;
    if (points.has(key)) continue;
    // Shared by everyone of the same role and scope: what a point shows depends on nothing else.
    const shared = `${user.role}:${user.scope?.path ?? "*"}:${key}`;
    points.set(key, await cache.get(shared, () => findStationPoint(db, user, scan.campaignId, scan.siteId)));
  }
  // Read before the transaction: on PGlite's one connection a read beside it would wait for ever.
  let tokenKeys: TokenPublicKey[] = [];
  if (opts.scans.some((s) => s.kind === "bind" && typeof s.token === "string")) {
    tokenKeys = await cache.get("token-keys", () => listTokenPublicKeys(db, opts.config));
  }
  return { user, stationId: opts.stationId, scans: opts.scans, points, tokenKeys };
}

/** Applies one POST's scans in seq order inside trx and audits it; answers in the order sent. */
export async function applyScans(trx: Transaction<Database>, p: PreparedScans): Promise<ScanResult[]> {
  const order = p.scans.map((scan, index) => ({ scan, index })).sort((a, b) => a.scan.seq - b.scan.seq);
  const results: ScanResult[] = new Array(p.scans.length);
  const counts = { applied: 0, duplicate: 0, rejected: 0 };
  for (const { scan, index } of order) {
    const point = p.points.get(`${scan.campaignId}:${scan.siteId}`) as StationPoint;
    const ctx: ScanContext = {
      trx,
      user: p.user,
      stationId: p.stationId,
      point,
      scan,
      tokenKeys: p.tokenKeys,
    };
    const result = await applyScan(ctx);
    counts[result.status] += 1;
    results[index] = result;
  }
  await recordAudit(trx, {
    userId: p.user.id,
    action: "station.scans",
    entityType: "station",
    entityId: p.stationId,
    details: { scans: p.scans.length, ...counts, points: [...p.points.values()].map((x) => x.site.id) },
  });
  return results;
}

/** One POST in a transaction of its own (the plain path, and the group commit's fallback). */
export async function commitScansAlone(db: Kysely<Database>, p: PreparedScans): Promise<ScanResult[]> {
  try {
    return await inTransaction(db, (trx) => applyScans(trx, p));
  } catch (error) {
    throw explainScanError(error);
  }
}

/** A check violation must never be a 500; unreachable while binds lock the tube row. */
export function explainScanError(error: unknown): unknown {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === "23514" && constraint === "tubes_people_within_pool") {
    return new AppError("conflict", "A tube would hold more people than its pool size: sync again", {
      code: "tube_full",
    });
  }
  return error;
}
