import { type Kysely, sql } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { siteVisible } from "../station/find-station-point";
import { workerScopeFilter } from "../workers/worker-scope";

export interface MessageInput {
  campaignId: string;
  siteId?: string | undefined;
  demandId?: string | undefined;
  text: string;
}

/**
 * Queues a text to everyone planned on a shift, on a point, or in the whole round (that the user
 * may see), one message per person, in the households' SMS outbox: the same worker and adapter
 * send it, with retries. A fresh run id groups them, so the sender can follow them.
 */
export async function sendWorkerMessages(db: Kysely<Database>, user: SessionUser, input: MessageInput) {
  requirePermission(user, "workforce.manage");
  const campaign = await findVisibleCampaign(db, user, input.campaignId);
  let q = db
    .selectFrom("shift_assignments as a")
    .innerJoin("shift_demands as d", "d.id", "a.demand_id")
    .innerJoin("sites as s", "s.id", "d.site_id")
    .innerJoin("workers as w", "w.id", "a.worker_id")
    .select(["w.id", "w.phone"])
    .distinct()
    .where("a.status", "=", "planned")
    .where("d.campaign_id", "=", campaign.id)
    .where("d.ends_at", ">", new Date())
    .where("w.status", "=", "approved")
    .where(siteVisible(user, "s"))
    .where(workerScopeFilter(user, "w"));
  if (input.siteId)
    q = isUuid(input.siteId) ? q.where("d.site_id", "=", input.siteId) : q.where(sql<boolean>`false`);
  if (input.demandId)
    q = isUuid(input.demandId) ? q.where("d.id", "=", input.demandId) : q.where(sql<boolean>`false`);
  const people = await q.execute();
  if (people.length === 0)
    throw new AppError("validation", "Nobody is planned there from now on", {
      issues: [
        {
          field: input.demandId ? "demandId" : "siteId",
          reason: "nobody",
          message: "Nobody is planned there from now on",
        },
      ],
    });
  const runId = newId();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("sms_outbox")
      .values(
        people.map((p) => ({
          id: newId(),
          campaign_id: campaign.id,
          household_id: null,
          worker_id: p.id,
          revision: 1,
          phone: p.phone,
          body: input.text,
          run_id: runId,
        })),
      )
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "shift.message",
      entityType: "campaign",
      entityId: campaign.id,
      details: {
        runId,
        siteId: input.siteId ?? null,
        demandId: input.demandId ?? null,
        messages: people.length,
      },
    });
  });
  return { runId, queued: people.length };
}

/** How a run of worker messages is going: queued, sent, failed. */
export async function getMessageRun(db: Kysely<Database>, user: SessionUser, runId: string) {
  requirePermission(user, "workforce.manage");
  if (!isUuid(runId)) throw new AppError("not_found", "Message run not found");
  const rows = await db
    .selectFrom("sms_outbox as o")
    .innerJoin("workers as w", "w.id", "o.worker_id")
    .select(["o.status", db.fn.countAll<number>().as("n")])
    .where("o.run_id", "=", runId)
    .where(workerScopeFilter(user, "w"))
    .groupBy("o.status")
    .execute();
  if (rows.length === 0) throw new AppError("not_found", "Message run not found");
  const count = (s: string[]) =>
    rows.filter((r) => s.includes(r.status)).reduce((n, r) => n + Number(r.n), 0);
  return { runId, queued: count(["queued", "sending"]), sent: count(["sent"]), failed: count(["failed"]) };
}
