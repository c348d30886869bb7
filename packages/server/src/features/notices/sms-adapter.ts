import { createHmac } from "node:crypto";

/** One message as the gateway gets it. `id` is the outbox id: the gateway dedupes on it. */
export interface OutboundSms {
  id: string;
  phone: string;
  body: string;
}

export type SendResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; error: string };

/** How the worker hands a message to an SMS gateway. Only this leaves the machine. */
export interface SmsAdapter {
  readonly name: string;
  send(message: OutboundSms): Promise<SendResult>;
}

/** The default: records what would be sent (status sent, provider id "dry-run"), for demos and tests. */
export function createRecordAdapter(): SmsAdapter {
  return { name: "record", send: async () => ({ ok: true, providerId: "dry-run" }) };
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the X-Shequ-Signature the gateway checks. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * POSTs `{ id, to, body }` as JSON to the gateway with `Idempotency-Key: <outbox id>` and the HMAC
 * signature. 2xx is sent; 5xx, 408, 429, timeouts and network errors are retried; any other 4xx
 * means the gateway will never take this message, so it fails at once.
 */
export function createWebhookAdapter(opts: { url: string; secret: string; timeoutMs?: number }): SmsAdapter {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: "webhook",
    async send(message) {
      const body = JSON.stringify({ id: message.id, to: message.phone, body: message.body });
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": message.id,
            "x-shequ-signature": signWebhookBody(body, opts.secret),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : "Error";
        return {
          ok: false,
          retryable: true,
          error: name === "TimeoutError" ? "timeout" : `network: ${name}`,
        };
      }
      const text = await res.text().catch(() => "");
      if (res.ok) return { ok: true, providerId: providerIdOf(text) };
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      // The gateway's reply may echo the phone number: keep only the status in the outbox.
      return { ok: false, retryable, error: `http ${res.status}` };
    },
  };
}

function providerIdOf(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as { id?: unknown; messageId?: unknown };
    const id = json.messageId ?? json.id;
    return typeof id === "string" || typeof id === "number" ? String(id).slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/** The webhook when SHEQU_SMS_WEBHOOK_URL is set, otherwise the recording dry run. */
export function selectSmsAdapter(config: {
  SHEQU_SMS_WEBHOOK_URL?: string;
  SHEQU_SMS_WEBHOOK_SECRET?: string;
}): SmsAdapter {
  if (config.SHEQU_SMS_WEBHOOK_URL && config.SHEQU_SMS_WEBHOOK_SECRET) {
    return createWebhookAdapter({
      url: config.SHEQU_SMS_WEBHOOK_URL,
      secret: config.SHEQU_SMS_WEBHOOK_SECRET,
    });
  }
  return createRecordAdapter();
}
