import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign, iso } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import type { NoticeRun } from "./notice-schema";

interface RunRow {
  id: string;
  households: number;
  no_phone: number;
  created_at: Date;
  total: number;
  queued: number;
  sent: number;
  failed: number;
  last_update: Date | null;
}

/** Notice runs of a round, newest first, with progress counted from the outbox. */
export async function listNoticeRuns(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<NoticeRun[]> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  return (await selectRuns(db, campaign.id)).map(presentRun);
}

/** One run's progress: how many messages wait, went out, or failed. */
export async function findNoticeRun(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { campaignId: string; runId: string },
): Promise<NoticeRun> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, opts.campaignId);
  const [row] = isUuid(opts.runId) ? await selectRuns(db, campaign.id, opts.runId) : [];
  if (!row) throw new AppError("not_found", "Notice run not found");
  return presentRun(row);
}

async function selectRuns(db: Kysely<Database>, campaignId: string, runId?: string): Promise<RunRow[]> {
  const { rows } = await sql<RunRow>`
    select r.id, r.households, r.no_phone, r.created_at,
      count(o.id) as total,
      count(o.id) filter (where o.status in ('queued', 'sending')) as queued,
      count(o.id) filter (where o.status = 'sent') as sent,
      count(o.id) filter (where o.status = 'failed') as failed,
      max(o.updated_at) as last_update
    from notice_runs r left join sms_outbox o on o.run_id = r.id
    where r.campaign_id = ${campaignId} ${runId ? sql`and r.id = ${runId}` : sql``}
    group by r.id
    order by r.created_at desc, r.id desc
    limit 200`.execute(db);
  return rows;
}

function presentRun(r: RunRow): NoticeRun {
  const queued = Number(r.queued);
  return {
    id: r.id,
    status: queued > 0 ? "running" : "done",
    total: Number(r.total),
    queued,
    sent: Number(r.sent),
    failed: Number(r.failed),
    households: Number(r.households),
    noPhone: Number(r.no_phone),
    createdAt: iso(r.created_at),
    finishedAt: queued > 0 ? null : iso(r.last_update ?? r.created_at),
  };
}
