import type { Role } from "@shequ/core/roles";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { type DbHandle, openDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { createScratchDatabase } from "../db/scratch-database";
import { createSession } from "../features/auth/sessions";
import { createLogger } from "../logger";
import { buildUser } from "./factories";

export interface TestContext {
  handle: DbHandle;
  db: DbHandle["db"];
  /** The test database's URL on PostgreSQL (for a second session); undefined on PGlite. */
  databaseUrl?: string;
  app: ReturnType<typeof createApp>;
  /** A signed-in user of this role and scope; returns the Cookie header value. */
  signIn(role: Role, scopeRegionId: string | null): Promise<{ userId: string; cookie: string }>;
  /** app.request with JSON body and cookie filled in. */
  call(
    method: string,
    path: string,
    opts?: { cookie?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * One fresh, migrated database per test file: PGlite in memory by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (the same suite runs on both in CI).
 */
export async function createTestContext(): Promise<TestContext> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | undefined;
  let handle: DbHandle;
  let databaseUrl: string | undefined;
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl, "shequ_test");
    databaseUrl = scratch.url;
    handle = await openDb({ databaseUrl, dataDir: "" });
    dropDatabase = scratch.drop;
  } else {
    handle = await openDb({ dataDir: "memory://" });
  }
  await migrateToLatest(handle.db);
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "memory://" });
  const app = createApp({
    db: handle.db,
    handle,
    config,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
  });

  return {
    handle,
    db: handle.db,
    databaseUrl,
    app,
    async signIn(role, scopeRegionId) {
      const user = await buildUser(handle.db, { role, scopeRegionId });
      const { token } = await createSession(handle.db, user.id, 1);
      return { userId: user.id, cookie: `shequ_session=${token}` };
    },
    call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.cookie) headers.cookie = opts.cookie;
      let body = opts.body;
      if (opts.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(opts.json);
      }
      return Promise.resolve(app.request(path, { method, headers, body }));
    },
    async close() {
      await handle.close();
      await dropDatabase?.();
    },
  };
}
