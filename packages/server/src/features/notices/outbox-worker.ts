import { type Kysely, sql } from "kysely";
import { type BackgroundLoop, startLoop } from "../../background";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { Logger } from "../../logger";
import { createRateLimiter, type RateLimiter } from "./rate-limiter";
import type { SendResult, SmsAdapter } from "./sms-adapter";

export interface OutboxOptions {
  /** Messages claimed per round. */
  batchSize?: number;
  /** How long a claimed message is ours; past it, another worker resends it with the same key. */
  leaseMs?: number;
  /** Attempts before a retryable failure counts as failed. */
  maxAttempts?: number;
  /** Wait before the next attempt after `attempts` tries (default 5 s doubling, at most 10 min). */
  backoffMs?: (attempts: number) => number;
  limiter?: RateLimiter;
  /** Sends in flight at once within a round. */
  concurrency?: number;
}

export interface OutboxRound {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface Claimed {
  id: string;
  campaign_id: string;
  household_id: string;
  revision: number;
  phone: string;
  body: string;
  attempts: number;
}

const defaultBackoff = (attempts: number) =>
  Math.min(600_000, 5000 * 2 ** (attempts - 1)) * (0.8 + Math.random() * 0.4);

/**
 * One round of the SMS worker: claims due messages (and sends whose lease ran out, e.g. after a
 * crash) with FOR UPDATE SKIP LOCKED, so several workers never take the same row, sends them
 * through the adapter, and records each outcome and the household's notice state. Tests call it
 * directly; the server calls it from startOutboxWorker's timer.
 */
export async function runOutboxOnce(
  db: Kysely<Database>,
  adapter: SmsAdapter,
  opts: OutboxOptions = {},
): Promise<OutboxRound> {
  const batchSize = opts.batchSize ?? 50;
  const leaseMs = opts.leaseMs ?? 60_000;
  const { rows: claimed } = await sql<Claimed>`
    with due as (
      select id from sms_outbox
      where (status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and lease_until <= now())
      order by next_attempt_at, id
      limit ${batchSize}
      for update skip locked
    )
    update sms_outbox o set status = 'sending', attempts = o.attempts + 1,
      lease_until = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
    from due where o.id = due.id
    returning o.id, o.campaign_id, o.household_id, o.revision, o.phone, o.body, o.attempts`.execute(db);

  const round: OutboxRound = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  const queue = [...claimed];
  const work = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      await opts.limiter?.take();
      const result = await adapter
        .send({ id: message.id, phone: message.phone, body: message.body })
        .catch((error: unknown): SendResult => ({ ok: false, retryable: true, error: errorName(error) }));
      const outcome = await recordOutcome(db, message, result, opts);
      if (outcome) round[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, claimed.length) }, work));
  return round;
}

async function recordOutcome(
  db: Kysely<Database>,
  message: Claimed,
  result: SendResult,
  opts: OutboxOptions,
): Promise<keyof Omit<OutboxRound, "claimed"> | null> {
  const retry = !result.ok && result.retryable && message.attempts < (opts.maxAttempts ?? 5);
  const outcome = result.ok ? "sent" : retry ? "retried" : "failed";
  return inTransaction(db, async (trx) => {
    // Outcomes of one household's messages take turns, so the last one sees all the others and
    // can tell "every message failed" (sends run in parallel; each commits on its own).
    if (!retry) await lockNoticeState(trx, message);
    const wait = retry ? Math.max(0, Math.round((opts.backoffMs ?? defaultBackoff)(message.attempts))) : 0;
    const updated = await trx
      .updateTable("sms_outbox")
      .set({
        status: result.ok ? "sent" : retry ? "queued" : "failed",
        provider_id: result.ok ? (result.providerId ?? null) : null,
        sent_at: result.ok ? sql<Date>`now()` : null,
        last_error: result.ok ? null : result.error.slice(0, 200),
        lease_until: null,
        next_attempt_at: sql<Date>`now() + ${wait} * interval '1 millisecond'`,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", message.id)
      // Our claim still holds: nobody re-claimed the row after our lease ran out.
      .where("status", "=", "sending")
      .where("attempts", "=", message.attempts)
      .returning("id")
      .executeTakeFirst();
    if (!updated) return null;
    if (!retry) await settleHousehold(trx, message);
    return outcome;
  });
}

async function lockNoticeState(trx: Kysely<Database>, m: Claimed): Promise<void> {
  await trx
    .selectFrom("notice_states")
    .select("household_id")
    .where("campaign_id", "=", m.campaign_id)
    .where("household_id", "=", m.household_id)
    .forUpdate()
    .execute();
}

/** Any message of the revision sent → the household is `sent`; all of them failed → `unreachable`. */
async function settleHousehold(trx: Kysely<Database>, m: Claimed): Promise<void> {
  const same = sql`o.campaign_id = ${m.campaign_id} and o.household_id = ${m.household_id} and o.revision = ${m.revision}`;
  await sql`
    update notice_states ns set
      status = case when exists (select 1 from sms_outbox o where ${same} and o.status = 'sent')
        then 'sent' else 'unreachable' end,
      note = case when exists (select 1 from sms_outbox o where ${same} and o.status = 'sent')
        then ns.note else '短信发送失败' end,
      updated_at = now()
    where ns.campaign_id = ${m.campaign_id} and ns.household_id = ${m.household_id}
      and ns.revision = ${m.revision} and ns.status = 'queued'
      and (exists (select 1 from sms_outbox o where ${same} and o.status = 'sent')
        or not exists (select 1 from sms_outbox o where ${same} and o.status in ('queued', 'sending')))`.execute(
    trx,
  );
}

function errorName(error: unknown): string {
  return error instanceof Error ? `adapter: ${error.name}` : "adapter error";
}

/**
 * The SMS worker the server runs: a plain loop on a timer (no LISTEN/NOTIFY, no advisory locks),
 * at most `ratePerSecond` messages a second per instance. Several instances share the work through
 * SKIP LOCKED. stop() waits for the round in flight, so shutdown leaves no timer behind.
 */
export function startOutboxWorker(opts: {
  db: Kysely<Database>;
  adapter: SmsAdapter;
  logger: Logger;
  ratePerSecond: number;
  maxAttempts: number;
  idleMs?: number;
}): BackgroundLoop {
  const limiter = createRateLimiter(opts.ratePerSecond);
  // About a second of sending per round, so a stop never waits long.
  const batchSize = Math.max(1, Math.min(100, Math.ceil(opts.ratePerSecond)));
  return startLoop({
    intervalMs: opts.idleMs ?? 1000,
    round: async () => {
      const round = await runOutboxOnce(opts.db, opts.adapter, {
        limiter,
        batchSize,
        maxAttempts: opts.maxAttempts,
      });
      if (round.claimed) opts.logger.info({ adapter: opts.adapter.name, ...round }, "sms outbox round");
      return round.claimed >= batchSize;
    },
    onError: (error) => opts.logger.warn({ err: error }, "sms outbox round failed; retrying"),
  });
}
