import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { iso } from "../campaigns/queries";
import { findStationPoint, siteVisible } from "./find-station-point";
import { presentTube } from "./scan-outcome";
import type { ScanList, TubeList } from "./station-schema";

/** A point's tubes in a round, newest first: the station's "today" list. */
export async function listStationTubes(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; siteId: string },
): Promise<TubeList["items"]> {
  requirePermission(user, "station.scan");
  const { campaign, site } = await findStationPoint(db, user, opts.campaignId, opts.siteId);
  const rows = await db
    .selectFrom("tubes")
    .select(["barcode", "status", "pool_size", "people", "opened_at", "sealed_at", "single"])
    .where("campaign_id", "=", campaign.id)
    .where("site_id", "=", site.id)
    .orderBy("opened_at", "desc")
    .orderBy("id", "desc")
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    ...presentTube(r),
    openedAt: iso(r.opened_at),
    sealedAt: r.sealed_at ? iso(r.sealed_at) : null,
    single: r.single,
  }));
}

/**
 * The latest 1,000 scans a station sent (of points in the user's area), in seq order, with what
 * each came to: how a station or a test checks that every scan arrived exactly once.
 */
export async function listStationScans(
  db: Kysely<Database>,
  user: SessionUser,
  stationId: string,
): Promise<ScanList["items"]> {
  requirePermission(user, "station.scan");
  const rows = await db
    .selectFrom("station_scans as x")
    .innerJoin("sites as s", "s.id", "x.site_id")
    .select(["x.id", "x.seq", "x.kind", "x.status", "x.code"])
    .where("x.station_id", "=", stationId)
    .where(siteVisible(user, "s"))
    .orderBy("x.seq", "desc")
    .limit(1000)
    .execute();
  return rows.reverse();
}
