import { composeNoticeSms } from "@shequ/core/notice-text";
import { type Kysely, sql } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { assertRegionInScope } from "../regions/scope";
import { findNoticeRun } from "./notice-runs";
import type { NoticeRun } from "./notice-schema";
import { toNoticeTextInput } from "./notice-view";
import { selectMobiles, selectPendingTargets } from "./queries";

const CHUNK = 5000;

/**
 * Queues an SMS for every mobile number of every household in the user's area (or one region)
 * that has not been told its current slot, and marks households without a mobile unreachable so a
 * grid worker calls or visits them. Set-based and idempotent: the outbox is unique per household,
 * slot revision and phone, so running it again, or twice at once, never sends a message twice.
 */
export async function startNoticeRun(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; regionId?: string },
): Promise<NoticeRun> {
  requirePermission(user, "campaign.notify");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  const region = opts.regionId ? await assertRegionInScope(db, user, opts.regionId) : undefined;

  const runId = await inTransaction(db, async (trx) => {
    // Runs and re-scheduling of one round take turns, so a run never reads half-moved slots.
    const locked = await trx
      .selectFrom("campaigns")
      .select("status")
      .where("id", "=", campaign.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.status === "draft")
      throw new AppError("conflict", "Schedule the round before sending notices");
    if (locked.status === "closed") throw new AppError("conflict", "The round is closed");

    const targets = await selectPendingTargets(trx, campaign.id, { user, region });
    const mobiles = await selectMobiles(
      trx,
      targets.map((t) => t.household_id),
    );
    const id = newId();
    const reachable = targets.filter((t) => mobiles.has(t.household_id));
    await trx
      .insertInto("notice_runs")
      .values({
        id,
        campaign_id: campaign.id,
        region_id: region?.id ?? null,
        households: targets.length,
        no_phone: targets.length - reachable.length,
        created_by: user.id,
      })
      .execute();

    const messages = reachable.flatMap((t) => {
      const body = composeNoticeSms(toNoticeTextInput(t, campaign.name));
      return (mobiles.get(t.household_id) ?? []).map((phone) => ({
        id: newId(),
        householdId: t.household_id,
        revision: t.revision,
        phone,
        body,
      }));
    });
    for (let i = 0; i < messages.length; i += CHUNK) {
      const part = messages.slice(i, i + CHUNK);
      await sql`
        insert into sms_outbox (id, campaign_id, household_id, revision, phone, body, run_id)
        select x.id, ${campaign.id}, x.household_id, x.revision, x.phone, x.body, ${id}
        from unnest(${part.map((m) => m.id)}::uuid[], ${part.map((m) => m.householdId)}::uuid[],
          ${part.map((m) => m.revision)}::int[], ${part.map((m) => m.phone)}::text[],
          ${part.map((m) => m.body)}::text[]) as x(id, household_id, revision, phone, body)
        on conflict (campaign_id, household_id, revision, phone) do nothing`.execute(trx);
    }

    for (let i = 0; i < targets.length; i += CHUNK) {
      const part = targets.slice(i, i + CHUNK);
      const households = part.map((t) => t.household_id);
      const revisions = part.map((t) => t.revision);
      // Messages about an older slot that have not gone out yet must not go out at all.
      await sql`
        update sms_outbox o set status = 'failed', last_error = 'superseded', updated_at = now()
        from unnest(${households}::uuid[], ${revisions}::int[]) as x(household_id, revision)
        where o.campaign_id = ${campaign.id} and o.household_id = x.household_id
          and o.revision < x.revision and o.status = 'queued'`.execute(trx);
      const statuses = part.map((t) => (mobiles.has(t.household_id) ? "queued" : "unreachable"));
      const notes = part.map((t) => (mobiles.has(t.household_id) ? null : "无手机号"));
      await sql`
        insert into notice_states (campaign_id, household_id, revision, status, note, updated_by, updated_at)
        select ${campaign.id}, x.household_id, x.revision, x.status, x.note, ${user.id}, now()
        from unnest(${households}::uuid[], ${revisions}::int[], ${statuses}::text[], ${notes}::text[])
          as x(household_id, revision, status, note)
        on conflict (campaign_id, household_id) do update set revision = excluded.revision,
          status = excluded.status, note = excluded.note, updated_by = excluded.updated_by,
          updated_at = excluded.updated_at
        where notice_states.revision < excluded.revision`.execute(trx);
    }

    await recordAudit(trx, {
      userId: user.id,
      action: "notice.run",
      entityType: "campaign",
      entityId: campaign.id,
      details: {
        runId: id,
        regionId: region?.id ?? null,
        households: targets.length,
        messages: messages.length,
        noPhone: targets.length - reachable.length,
      },
    });
    return id;
  });
  return findNoticeRun(db, user, { campaignId: campaign.id, runId });
}
