import { findZoneRequirement, isWorkZone } from "@shequ/core/work-zones";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { countPlanned, findShiftPoint, iso, listVisibleSites } from "./queries";
import type { CampaignQuery, DemandInput, DemandView, GenerateInput } from "./shift-schema";

const HOUR = 3_600_000;

function invalid(field: string, reason: string, message: string): AppError {
  return new AppError("validation", message, { issues: [{ field, reason, message }] });
}

/** A round's shift demands at the points the user may plan, in time order. */
export async function listDemands(
  db: Kysely<Database>,
  user: SessionUser,
  query: CampaignQuery,
): Promise<DemandView[]> {
  requirePermission(user, "workforce.manage");
  const campaign = await findVisibleCampaign(db, user, query.campaignId);
  const sites = await listVisibleSites(db, user, campaign.id);
  const siteIds = sites.map((s) => s.id).filter((id) => !query.siteId || id === query.siteId);
  if (siteIds.length === 0) return [];
  const rows = await db
    .selectFrom("shift_demands")
    .selectAll()
    .where("campaign_id", "=", campaign.id)
    .where("site_id", "in", siteIds)
    .orderBy("starts_at")
    .orderBy("site_id")
    .orderBy("zone")
    .execute();
  const planned = await countPlanned(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    siteId: r.site_id,
    zone: r.zone,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    needed: r.needed,
    planned: planned.get(r.id) ?? 0,
    qualification: r.qualification ?? null,
  }));
}

function checkZone(zone: string, siteZones: readonly string[]): void {
  if (!siteZones.includes(zone) && !isWorkZone(zone))
    throw invalid("zone", "unknown_zone", `The point has no zone "${zone}"`);
}

/**
 * Sets how many people a point's zone needs in a window (one row per point, zone and start).
 * Sampling and home runs need a swab licence whatever the planner picked; a window that overlaps
 * another of the same zone with a different start is refused, so a person is never counted twice.
 */
export async function putDemand(
  db: Kysely<Database>,
  user: SessionUser,
  input: DemandInput,
): Promise<DemandView> {
  requirePermission(user, "workforce.manage");
  const { campaign, site } = await findShiftPoint(db, user, input.campaignId, input.siteId);
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (end <= start) throw invalid("endsAt", "ends_before_start", "The shift ends before it starts");
  if (end.getTime() - start.getTime() > 24 * HOUR)
    throw invalid("endsAt", "too_long", "A shift lasts at most 24 hours: split it");
  checkZone(input.zone, site.zones);
  const qualification = input.qualification ?? findZoneRequirement(input.zone) ?? null;
  const id = await inTransaction(db, async (trx) => {
    const clash = await trx
      .selectFrom("shift_demands")
      .select("id")
      .where("site_id", "=", site.id)
      .where("zone", "=", input.zone)
      .where("starts_at", "<>", start)
      .where("starts_at", "<", end)
      .where("ends_at", ">", start)
      .executeTakeFirst();
    if (clash)
      throw invalid("startsAt", "overlap", "Another shift of this zone at this point overlaps this window");
    const row = await trx
      .insertInto("shift_demands")
      .values({
        id: newId(),
        campaign_id: campaign.id,
        site_id: site.id,
        zone: input.zone,
        starts_at: start,
        ends_at: end,
        needed: input.needed,
        qualification,
      })
      .onConflict((oc) =>
        oc
          .columns(["site_id", "zone", "starts_at"])
          .doUpdateSet({ ends_at: end, needed: input.needed, qualification }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      userId: user.id,
      action: "shift.demand",
      entityType: "shift_demand",
      entityId: row.id,
      details: { siteId: site.id, zone: input.zone, needed: input.needed },
    });
    return row.id;
  });
  const [view] = (await listDemands(db, user, { campaignId: campaign.id, siteId: site.id })).filter(
    (d) => d.id === id,
  );
  if (!view) throw new AppError("internal", "The shift vanished after saving");
  return view;
}

/**
 * Cuts the point's opening windows into shifts of `windowHours` (the last one shorter) for each
 * zone asked for. Windows already set are updated; ones that would overlap a differently cut
 * window of the same zone are skipped and counted, never doubled.
 */
export async function generateDemands(
  db: Kysely<Database>,
  user: SessionUser,
  input: GenerateInput,
): Promise<{ created: number; updated: number; skipped: number }> {
  requirePermission(user, "workforce.manage");
  const { campaign, site } = await findShiftPoint(db, user, input.campaignId, input.siteId);
  const zones = Object.entries(input.perZone);
  if (zones.length === 0) throw invalid("perZone", "empty", "Say how many people each zone needs");
  for (const [zone] of zones) checkZone(zone, site.zones);
  const windows = await db
    .selectFrom("site_windows")
    .select(["starts_at", "ends_at"])
    .where("site_id", "=", site.id)
    .orderBy("starts_at")
    .execute();
  if (windows.length === 0)
    throw invalid("siteId", "no_windows", "The point has no opening hours to cut into shifts");
  const step = input.windowHours * HOUR;
  const pieces: { start: Date; end: Date }[] = [];
  for (const w of windows) {
    const end = new Date(w.ends_at).getTime();
    for (let t = new Date(w.starts_at).getTime(); t < end; t += step)
      pieces.push({ start: new Date(t), end: new Date(Math.min(end, t + step)) });
  }
  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom("shift_demands")
      .select(["id", "zone", "starts_at", "ends_at"])
      .where("site_id", "=", site.id)
      .execute();
    const result = { created: 0, updated: 0, skipped: 0 };
    for (const [zone, needed] of zones) {
      const mine = existing.filter((e) => e.zone === zone);
      const qualification = findZoneRequirement(zone) ?? null;
      for (const p of pieces) {
        const same = mine.find((e) => new Date(e.starts_at).getTime() === p.start.getTime());
        const clash = mine.some(
          (e) => e !== same && new Date(e.starts_at) < p.end && new Date(e.ends_at) > p.start,
        );
        if (clash) {
          result.skipped++;
          continue;
        }
        if (same) {
          await trx
            .updateTable("shift_demands")
            .set({ ends_at: p.end, needed })
            .where("id", "=", same.id)
            .execute();
          result.updated++;
        } else {
          await trx
            .insertInto("shift_demands")
            .values({
              id: newId(),
              campaign_id: campaign.id,
              site_id: site.id,
              zone,
              starts_at: p.start,
              ends_at: p.end,
              needed,
              qualification,
            })
            .execute();
          result.created++;
        }
      }
    }
    await recordAudit(trx, {
      userId: user.id,
      action: "shift.demand.generate",
      entityType: "site",
      entityId: site.id,
      details: { campaignId: campaign.id, windowHours: input.windowHours, ...result },
    });
    return result;
  });
}
