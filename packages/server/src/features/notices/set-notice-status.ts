import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { presentNoticeRows } from "./list-notice-households";
import type { NoticeHouseholdItem, NoticeStatusInput } from "./notice-schema";
import { selectNoticeHouseholds } from "./queries";

/**
 * A grid worker's tick after phoning a household (电话通知): told, or could not be reached, with
 * a note. It applies to the household's current slot; if the slot moves later, it is pending again.
 */
export async function setNoticeStatus(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; householdId: string } & NoticeStatusInput,
): Promise<NoticeHouseholdItem> {
  requirePermission(user, "campaign.notify");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  if (campaign.status === "closed") throw new AppError("conflict", "The round is closed");
  const find = () =>
    isUuid(opts.householdId)
      ? selectNoticeHouseholds(db, campaign.id, { user, householdId: opts.householdId })
      : Promise.resolve([]);
  const [row] = await find();
  if (!row) throw new AppError("not_found", "Household not found in this round");

  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("notice_states")
      .values({
        campaign_id: campaign.id,
        household_id: row.household_id,
        revision: row.revision,
        status: opts.status,
        note: opts.note || null,
        updated_by: user.id,
        updated_at: sql<Date>`now()`,
      })
      .onConflict((oc) =>
        oc.columns(["campaign_id", "household_id"]).doUpdateSet({
          revision: (eb) => eb.ref("excluded.revision"),
          status: (eb) => eb.ref("excluded.status"),
          note: (eb) => eb.ref("excluded.note"),
          updated_by: (eb) => eb.ref("excluded.updated_by"),
          updated_at: (eb) => eb.ref("excluded.updated_at"),
        }),
      )
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "notice.status",
      entityType: "household",
      entityId: row.household_id,
      // The note is free text about people: it stays out of the audit log.
      details: {
        campaignId: campaign.id,
        status: opts.status,
        revision: row.revision,
        note: Boolean(opts.note),
      },
    });
  });
  const [updated] = await find();
  if (!updated) throw new AppError("not_found", "Household not found in this round");
  const [view] = await presentNoticeRows(db, [updated]);
  return view as NoticeHouseholdItem;
}
