import { existsSync } from "node:fs";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { openDb } from "./db/client";
import { migrateToLatest } from "./db/migrate";
import { startCoverageFolder } from "./features/command/coverage-folder";
import { ensureDemoData } from "./features/demo/ensure-demo-data";
import { startOutboxWorker } from "./features/notices/outbox-worker";
import { selectSmsAdapter } from "./features/notices/sms-adapter";
import { startSnapshotTicker } from "./features/reports/snapshot-ticker";
import { refusingWhenFull } from "./features/station/refuse-at-socket";
import { scanQueueOf } from "./features/station/scan-queue";
import { createLogger } from "./logger";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * config → db → migrate → (demo) → serve. Shared by `npm start` and `shequ serve`, so both run
 * the same server. `env` overrides the environment (the CLI's --port). Stops cleanly on SIGINT
 * and SIGTERM.
 */
export async function startServer(
  opts: { env?: Record<string, string | undefined> } = {},
): Promise<RunningServer> {
  const config = loadConfig({ ...process.env, ...opts.env });
  const logger = createLogger(config.LOG_LEVEL);
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const applied = await migrateToLatest(handle.db);
  if (applied.length) logger.info({ applied }, "migrated");
  const demo = config.demo
    ? await ensureDemoData(handle, { residents: config.SHEQU_DEMO_RESIDENTS, logger })
    : null;

  const deps = { db: handle.db, handle, config, logger };
  const app = createApp(deps);
  if (existsSync(config.WEB_DIST)) {
    app.use("/assets/*", serveStatic({ root: config.WEB_DIST }));
    app.use("*", serveStatic({ root: config.WEB_DIST }));
    // Client-side routes: every other GET outside /api gets the app shell.
    app.get("*", serveStatic({ root: config.WEB_DIST, path: "index.html" }));
  } else {
    logger.warn({ webDist: config.WEB_DIST }, "web app not built: run `npm run build`; serving the API only");
  }

  let server: ReturnType<typeof serve> | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const createServer = refusingWhenFull(scanQueueOf(deps));
    server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, createServer }, (info) => {
      const url = `http://localhost:${info.port}`;
      const where =
        handle.kind === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)";
      const lines = [
        `\n  Shequ 社区 is running at ${url}`,
        `  Database: ${where}`,
        `  API docs: ${url}/api/docs`,
      ];
      if (demo?.accounts.length) {
        lines.push(`  Demo accounts (password for all: ${demo.password}):`);
        for (const a of demo.accounts) lines.push(`    ${a.username.padEnd(14)} ${a.label}`);
      }
      console.log(`${lines.join("\n")}\n`);
      resolve(url);
    });
    // A taken port fails here instead of as an unhandled 'error' event.
    server.once("error", reject);
  });

  // Started once the port is ours, so a failed start leaves no timer running.
  const adapter = selectSmsAdapter(config);
  const outbox = startOutboxWorker({
    db: handle.db,
    adapter,
    logger,
    ratePerSecond: config.SHEQU_SMS_RATE_PER_SECOND,
    maxAttempts: config.SHEQU_SMS_MAX_ATTEMPTS,
  });
  logger.info(
    { adapter: adapter.name, perSecond: config.SHEQU_SMS_RATE_PER_SECOND },
    "sms outbox worker started",
  );
  // Every minute: fresh expected counts and the hour's snapshot of each running round.
  const snapshots = startSnapshotTicker({ db: handle.db, logger });
  // Scans queue their samples; this folds them into the dashboard's rollups a moment later.
  const folder = startCoverageFolder({
    db: handle.db,
    logger,
    intervalMs: config.SHEQU_FOLD_INTERVAL_MS,
    // PGlite has one connection: smaller folds hold it for less time, so scans wait less.
    batch: handle.kind === "pglite" ? 250 : undefined,
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      server?.close();
      // Scans already taken are committed (and answered) before the database closes; idle
      // keep-alive sockets of stations are let go so the listener can finish closing.
      await scanQueueOf(deps).drain();
      (server as { closeIdleConnections?: () => void } | undefined)?.closeIdleConnections?.();
      await outbox.stop();
      await snapshots.stop();
      await folder.stop();
      await handle.close();
    })();
    return closing;
  };
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    // A connection that never ends must not keep a stopped server alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    void close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  return { url, close };
}
