import { resolve } from "node:path";
import { z } from "zod";

const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Where the embedded PGlite database lives when DATABASE_URL is not set. */
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Seed the demo subdistrict on first start. Defaults to on for the embedded database only. */
  SHEQU_DEMO: boolish.optional(),
  /** Residents in the demo subdistrict (about 55,000 in Jiuquan Road). */
  SHEQU_DEMO_RESIDENTS: z.coerce.number().int().min(0).default(55_000),
  /** Serve the built web app from this folder when it exists. */
  WEB_DIST: z.string().default("packages/web/dist"),
  /** Set when served behind HTTPS, so cookies get the Secure flag. */
  COOKIE_SECURE: boolish.default(false),
  /** Notices by SMS go to this gateway webhook; unset, they are only recorded (dry run). */
  SHEQU_SMS_WEBHOOK_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, "must start with http:// or https://")
    .optional(),
  /** Shared secret for the X-Shequ-Signature HMAC on every webhook call. */
  SHEQU_SMS_WEBHOOK_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  /** Messages per second the SMS worker sends at most (per server instance). */
  SHEQU_SMS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(20),
  /** Attempts per message before it counts as failed (5xx and timeouts are retried with backoff). */
  SHEQU_SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /**
   * Station scans that may wait for a group commit (per server instance); above it a POST gets
   * 429 with Retry-After at once and the station sends it again. Unset: 2,000 on PostgreSQL, 500
   * on PGlite (whose engine runs on the server's own thread, so a long queue starves the HTTP side).
   */
  SHEQU_SCAN_QUEUE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /**
   * Group commits of scans in flight at once on PostgreSQL (PGlite has one connection: always 1).
   * More cores or a remote database with more latency want more.
   */
  SHEQU_SCAN_COMMITS: z.coerce.number().int().min(1).max(32).default(2),
  /**
   * How often queued samples are folded into the dashboard's rollups (milliseconds): the lag the
   * command view may show behind the scans, at most about this plus one fold.
   */
  SHEQU_FOLD_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /**
   * Ed25519 secret (32 bytes, base64url) that signs resident QR tokens. Unset, a key pair is made
   * once and kept in the database, so restarts and several instances share it.
   */
  SHEQU_TOKEN_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, "must be 32 bytes in base64url (43 characters)")
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema> & { demo: boolean; dataDir: string };

/** Parses the environment once at boot; a bad value stops the process with a readable message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (DATABASE_URL= in a .env file or a shell) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.SHEQU_SMS_WEBHOOK_URL && !c.SHEQU_SMS_WEBHOOK_SECRET) {
    throw new Error(
      "Invalid configuration:\n  SHEQU_SMS_WEBHOOK_SECRET: is required when SHEQU_SMS_WEBHOOK_URL is set",
    );
  }
  return {
    ...c,
    dataDir: resolve(c.DATA_DIR),
    demo: c.SHEQU_DEMO ?? !c.DATABASE_URL,
  };
}
