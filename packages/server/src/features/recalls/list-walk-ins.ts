import { maskIdNumber, maskName, maskPhone } from "@shequ/core/mask";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { siteVisible } from "../station/find-station-point";
import type { RecallWalkIns } from "./recall-schema";

/**
 * Walk-ins (not in the registry) whose pooled tube came back positive or invalid. They have no
 * household, so no task: the registry owners of the point's area reach them from this list.
 */
export async function listRecallWalkIns(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<RecallWalkIns> {
  requirePermission(user, "recall.manage");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const rows = await db
    .selectFrom("walk_ins as w")
    .innerJoin("samples as smp", "smp.walk_in_id", "w.id")
    .innerJoin("tubes as t", "t.id", "smp.tube_id")
    .innerJoin("tube_results as tr", "tr.tube_id", "t.id")
    .innerJoin("sites as s", "s.id", "w.site_id")
    .select([
      "w.id",
      "w.name",
      "w.id_number",
      "w.phone",
      "w.status",
      "s.id as site_id",
      "s.name as site_name",
      "t.barcode",
      "tr.result",
      "tr.tested_at",
    ])
    .where("w.campaign_id", "=", campaign.id)
    .where("smp.undone_at", "is", null)
    .where("t.pool_size", ">", 1)
    .where("tr.result", "in", ["positive", "invalid"])
    .where(siteVisible(user, "s"))
    .orderBy("tr.tested_at")
    .orderBy("w.id")
    .limit(5000)
    .execute();
  return {
    items: rows.map((r) => ({
      walkInId: r.id,
      name: maskName(r.name),
      idNumberMasked: maskIdNumber(r.id_number),
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      site: { id: r.site_id, name: r.site_name },
      tubeBarcode: r.barcode,
      reason: r.result as "positive" | "invalid",
      testedAt: new Date(r.tested_at).toISOString(),
      status: r.status,
    })),
  };
}
