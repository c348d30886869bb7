import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { NoticeRun, NoticeSummary } from "./notice-schema";
import { expectJson, type ScheduledRound, scheduleRound } from "./notice-test-kit";
import { runOutboxOnce, startOutboxWorker } from "./outbox-worker";
import { createRateLimiter } from "./rate-limiter";
import { createWebhookAdapter, type SmsAdapter, signWebhookBody } from "./sms-adapter";

const SECRET = "test-gateway-secret-0123456789";

/** A stand-in SMS gateway: checks the HMAC, dedupes by Idempotency-Key, answers scripted statuses. */
interface Gateway {
  url: string;
  server: Server;
  /** Statuses to answer per phone number, in order; then 200. */
  script: Map<string, number[]>;
  requests: { key: string; signatureOk: boolean; to: string }[];
  /** Messages actually handed to the carrier, by idempotency key. */
  delivered: Map<string, number>;
}

async function startGateway(): Promise<Gateway> {
  const gateway: Omit<Gateway, "url" | "server"> = { script: new Map(), requests: [], delivered: new Map() };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    req.on("end", () => {
      const key = String(req.headers["idempotency-key"]);
      const signatureOk = req.headers["x-shequ-signature"] === signWebhookBody(raw, SECRET);
      const { to } = JSON.parse(raw) as { to: string };
      gateway.requests.push({ key, signatureOk, to });
      if (!signatureOk) return res.writeHead(401).end();
      if (gateway.delivered.has(key)) return res.writeHead(200).end(JSON.stringify({ id: `gw-${key}` }));
      const status = gateway.script.get(to)?.shift() ?? 200;
      if (status === 200) gateway.delivered.set(key, (gateway.delivered.get(key) ?? 0) + 1);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ id: `gw-${key}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { ...gateway, server, url: `http://127.0.0.1:${port}/sms` };
}

let t: TestContext;
let round: ScheduledRound;
let gateway: Gateway;
let webhook: SmsAdapter;
let base: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await scheduleRound(t);
  base = `/api/campaigns/${round.campaignId}`;
  gateway = await startGateway();
  webhook = createWebhookAdapter({ url: gateway.url, secret: SECRET, timeoutMs: 5000 });
});
afterAll(async () => {
  await new Promise((resolve) => gateway.server.close(resolve));
  await t.close();
});

const messagesOf = (householdId: string) =>
  t.db
    .selectFrom("sms_outbox")
    .selectAll()
    .where("campaign_id", "=", round.campaignId)
    .where("household_id", "=", householdId)
    .orderBy("revision")
    .orderBy("phone")
    .execute();
const stateOf = async (householdId: string) =>
  (
    await t.db
      .selectFrom("notice_states")
      .select(["status", "note"])
      .where("campaign_id", "=", round.campaignId)
      .where("household_id", "=", householdId)
      .executeTakeFirstOrThrow()
  ).status;
const phonesOf = async (householdId: string) =>
  (await t.db.selectFrom("residents").select("phone").where("household_id", "=", householdId).execute()).map(
    (r) => r.phone as string,
  );

describe("sending notices through the webhook gateway", () => {
  it("retries a 500 until sent, fails a 400 at once, and marks a household unreachable when all failed", async () => {
    const [retried, rejected, half] = round.place.householdsA as [string, string, string];
    for (const phone of await phonesOf(retried)) gateway.script.set(phone, [500]);
    for (const phone of await phonesOf(rejected)) gateway.script.set(phone, [400]);
    const [firstOfHalf] = await phonesOf(half);
    gateway.script.set(firstOfHalf as string, [400]);

    const run = await expectJson<NoticeRun>(
      await t.call("POST", `${base}/notices/runs`, { cookie: round.officer }),
      201,
    );
    expect(run.total).toBe(81);
    const first = await runOutboxOnce(t.db, webhook, { batchSize: 500, backoffMs: () => 0 });
    expect(first).toEqual({ claimed: 81, sent: 76, retried: 2, failed: 3 });
    const second = await runOutboxOnce(t.db, webhook, { batchSize: 500, backoffMs: () => 0 });
    expect(second).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0 });
    expect(await runOutboxOnce(t.db, webhook, { backoffMs: () => 0 })).toMatchObject({ claimed: 0 });

    expect(gateway.requests.every((r) => r.signatureOk)).toBe(true);
    expect((await messagesOf(retried)).map((m) => [m.status, m.attempts])).toEqual([
      ["sent", 2],
      ["sent", 2],
    ]);
    expect((await messagesOf(retried))[0]?.provider_id).toMatch(/^gw-/);
    expect((await messagesOf(rejected)).map((m) => [m.status, m.attempts, m.last_error])).toEqual([
      ["failed", 1, "http 400"],
      ["failed", 1, "http 400"],
    ]);
    expect(await stateOf(retried)).toBe("sent");
    expect(await stateOf(rejected)).toBe("unreachable");
    // One phone refused, the other took it: the household was told.
    expect(await stateOf(half)).toBe("sent");
    expect([...gateway.delivered.values()].every((n) => n === 1)).toBe(true);
    expect(gateway.delivered.size).toBe(78);

    const progress = await expectJson<NoticeRun>(
      await t.call("GET", `${base}/notices/runs/${run.id}`, { cookie: round.officer }),
      200,
    );
    expect(progress).toMatchObject({ status: "done", total: 81, sent: 78, failed: 3, queued: 0 });
    const summary = await expectJson<NoticeSummary>(
      await t.call("GET", `${base}/notices/summary`, { cookie: round.officer }),
      200,
    );
    expect(summary.byStatus).toMatchObject({ sent: 40, unreachable: 2, queued: 0, pending: 0 });
  });

  it("gives up on a message after the last retryable attempt", async () => {
    const household = round.place.householdsB[0] as string;
    for (const phone of await phonesOf(household)) gateway.script.set(phone, [503, 503, 503]);
    await bumpRevision(household, 2);
    await expectJson<NoticeRun>(await t.call("POST", `${base}/notices/runs`, { cookie: round.officer }), 201);
    for (let i = 0; i < 3; i++) await runOutboxOnce(t.db, webhook, { maxAttempts: 3, backoffMs: () => 0 });
    const messages = (await messagesOf(household)).filter((m) => m.revision === 2);
    expect(messages.map((m) => [m.status, m.attempts, m.last_error])).toEqual([
      ["failed", 3, "http 503"],
      ["failed", 3, "http 503"],
    ]);
    expect(await stateOf(household)).toBe("unreachable");
  });

  it("resumes after a crash mid-send without a second message for the same key", async () => {
    const household = round.place.householdsB[1] as string;
    await bumpRevision(household, 2);
    await expectJson<NoticeRun>(await t.call("POST", `${base}/notices/runs`, { cookie: round.officer }), 201);
    const [crashed, untouched] = (await messagesOf(household)).filter((m) => m.revision === 2);
    if (!crashed || !untouched) throw new Error("expected two messages");
    // The worker claimed both, the gateway got the first, and the process died before recording it.
    await t.db
      .updateTable("sms_outbox")
      .set({ status: "sending", attempts: 1, lease_until: new Date(Date.now() + 60_000) })
      .where("id", "in", [crashed.id, untouched.id])
      .execute();
    expect((await webhook.send({ id: crashed.id, phone: crashed.phone, body: crashed.body })).ok).toBe(true);
    // While the lease holds, nobody else touches the rows.
    expect(await runOutboxOnce(t.db, webhook)).toMatchObject({ claimed: 0 });

    await t.db
      .updateTable("sms_outbox")
      .set({ lease_until: new Date(Date.now() - 1000) })
      .where("id", "in", [crashed.id, untouched.id])
      .execute();
    expect(await runOutboxOnce(t.db, webhook)).toEqual({ claimed: 2, sent: 2, retried: 0, failed: 0 });
    expect(gateway.requests.filter((r) => r.key === crashed.id)).toHaveLength(2);
    expect(gateway.delivered.get(crashed.id)).toBe(1);
    expect(gateway.delivered.get(untouched.id)).toBe(1);
    expect(
      (await messagesOf(household)).filter((m) => m.revision === 2).map((m) => [m.status, m.attempts]),
    ).toEqual([
      ["sent", 2],
      ["sent", 2],
    ]);
    expect(await stateOf(household)).toBe("sent");
  });

  it("holds to the rate limit", async () => {
    const household = round.place.householdsB[2] as string;
    await bumpRevision(household, 2);
    await expectJson<NoticeRun>(await t.call("POST", `${base}/notices/runs`, { cookie: round.officer }), 201);
    const started = performance.now();
    const limiter = createRateLimiter(10);
    expect(await runOutboxOnce(t.db, webhook, { limiter })).toMatchObject({ sent: 2 });
    // Two messages at 10 a second: the second waits about 100 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("runs as a loop on a timer that drains the outbox and stops cleanly", async () => {
    const household = round.place.householdsB[3] as string;
    await bumpRevision(household, 2);
    const run = await expectJson<NoticeRun>(
      await t.call("POST", `${base}/notices/runs`, { cookie: round.officer }),
      201,
    );
    const worker = startOutboxWorker({
      db: t.db,
      adapter: webhook,
      logger: createLogger("silent"),
      ratePerSecond: 1000,
      maxAttempts: 5,
      idleMs: 10,
    });
    try {
      await expect
        .poll(
          async () =>
            (await t
              .call("GET", `${base}/notices/runs/${run.id}`, { cookie: round.officer })
              .then((r) => r.json())) as NoticeRun,
          { timeout: 10_000 },
        )
        .toMatchObject({ status: "done", sent: 2 });
    } finally {
      await worker.stop();
    }
    expect(await stateOf(household)).toBe("sent");
  });
});

async function bumpRevision(householdId: string, revision: number): Promise<void> {
  await t.db
    .updateTable("slot_assignments")
    .set({ revision, moved_at: new Date() })
    .where("campaign_id", "=", round.campaignId)
    .where("household_id", "=", householdId)
    .execute();
}
