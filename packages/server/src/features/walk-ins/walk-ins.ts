import { maskIdNumber, maskName, maskPhone } from "@shequ/core/mask";
import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { siteVisible } from "../station/find-station-point";
import type { WalkInDetails, WalkInList } from "./walk-ins-schema";

/**
 * People registered at a station who are not in the registry (visitors, people of other
 * communities): the registry owners of the point's area go through them, add or find each person,
 * and mark them resolved. Masked here; one person's details are a deliberate, audited reveal.
 */
export async function listWalkIns(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  status: "flagged" | "resolved" | "all",
): Promise<WalkInList> {
  requirePermission(user, "resident.write");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const visible = db
    .selectFrom("walk_ins as w")
    .innerJoin("sites as s", "s.id", "w.site_id")
    .where("w.campaign_id", "=", campaign.id)
    .where(siteVisible(user, "s"));
  const [rows, counts] = await Promise.all([
    visible
      .select([
        "w.id",
        "w.name",
        "w.id_type",
        "w.id_number",
        "w.phone",
        "w.status",
        "w.created_at",
        "w.resolved_at",
        "s.id as site_id",
        "s.name as site_name",
      ])
      .$if(status !== "all", (q) => q.where("w.status", "=", status))
      .orderBy("w.created_at")
      .orderBy("w.id")
      .limit(5000)
      .execute(),
    visible
      .select([
        sql<number>`count(*) filter (where w.status = 'flagged')`.as("flagged"),
        sql<number>`count(*) filter (where w.status = 'resolved')`.as("resolved"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    flagged: Number(counts.flagged),
    resolved: Number(counts.resolved),
    items: rows.map((r) => ({
      walkInId: r.id,
      name: maskName(r.name),
      idType: r.id_type,
      idNumberMasked: maskIdNumber(r.id_number),
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      site: { id: r.site_id, name: r.site_name },
      registeredAt: new Date(r.created_at).toISOString(),
      status: r.status as "flagged" | "resolved",
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    })),
  };
}

async function findWalkIn(db: Kysely<Database>, user: SessionUser, campaignId: string, walkInId: string) {
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const row = await db
    .selectFrom("walk_ins as w")
    .innerJoin("sites as s", "s.id", "w.site_id")
    .select(["w.id", "w.name", "w.id_type", "w.id_number", "w.phone", "w.status"])
    .where("w.campaign_id", "=", campaign.id)
    .where("w.id", "=", sql<string>`${walkInId}::uuid`)
    .where(siteVisible(user, "s"))
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "No such walk-in in this round in your area");
  return row;
}

/** One walk-in's name, document and phone in full, to register them; audited as a reveal. */
export async function revealWalkIn(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  walkInId: string,
): Promise<WalkInDetails> {
  requirePermission(user, "resident.reveal");
  const row = await findWalkIn(db, user, campaignId, walkInId);
  await recordAudit(db, {
    userId: user.id,
    action: "walk_in.reveal",
    entityType: "walk_in",
    entityId: row.id,
    details: { campaignId },
  });
  return { walkInId: row.id, name: row.name, idType: row.id_type, idNumber: row.id_number, phone: row.phone };
}

/** Marks a walk-in dealt with (registered, or found under another address). */
export async function resolveWalkIn(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  walkInId: string,
): Promise<{ walkInId: string; status: "resolved" }> {
  requirePermission(user, "resident.write");
  const row = await findWalkIn(db, user, campaignId, walkInId);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("walk_ins")
      .set({ status: "resolved", resolved_at: sql`now()` })
      .where("id", "=", row.id)
      .where("status", "=", "flagged")
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "walk_in.resolve",
      entityType: "walk_in",
      entityId: row.id,
      details: { campaignId },
    });
  });
  return { walkInId: row.id, status: "resolved" };
}
