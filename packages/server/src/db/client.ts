import {
  type DialectAdapter,
  type Driver,
  Kysely,
  type MigrationLockOptions,
  PGliteDialect,
  PostgresAdapter,
  PostgresDialect,
  sql,
} from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { PGliteThread, PGliteThreadDriver } from "./pglite-thread";
import { PreparingClient, planEachExecution } from "./prepared";
import type { Database } from "./schema";

export type DbKind = "pglite" | "postgres";

/** A raw session for bulk work (COPY) inside one transaction on one connection. */
export interface RawSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** `COPY <target> FROM STDIN WITH (FORMAT csv)` fed with the given CSV text. */
  copyCsv(target: string, csv: string): Promise<void>;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** Runs fn in one transaction with raw access for COPY; rolls back if fn throws. */
  bulk<T>(fn: (raw: RawSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
// Counts come back as bigint strings from pg and as numbers from PGlite: both become numbers.
// Dates (without time) stay 'YYYY-MM-DD' strings so no time zone shifts them.
const parseInt8 = (v: string) => Number(v);
const keepDate = (v: string) => v;

/** Opens PostgreSQL when a URL is given, otherwise PGlite in dataDir ("memory://" for tests). */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<DbHandle> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const thread = new PGliteThread(dataDir);
  await thread.ready;
  const lock = new Mutex();
  const db = new Kysely<Database>({ dialect: new ThreadPGliteDialect(thread, lock) });
  return {
    db,
    kind: "pglite",
    bulk: (fn) =>
      lock.run(async () => {
        await thread.query("begin");
        try {
          const result = await fn({
            query: async (text, params) => (await thread.query(text, params)).rows as never,
            copyCsv: (target, csv) => thread.copyCsv(target, csv),
          });
          await thread.query("commit");
          return result;
        } catch (error) {
          await thread.query("rollback").catch(() => {});
          throw error;
        }
      }),
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string): Promise<DbHandle> {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      if (oid === INT8) return parseInt8;
      if (oid === DATE) return keepDate;
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types, Client: PreparingClient });
  pool.on("connect", planEachExecution);
  // An idle connection that the server drops (restart, failover) must not crash the process:
  // the pool discards it and the next query opens a new one.
  pool.on("error", (error) => {
    process.emitWarning(`PostgreSQL connection dropped: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new RowLockPostgresDialect({ pool }) });
  let hasPlanCacheMode: boolean | undefined;
  return {
    db,
    kind: "postgres",
    bulk: async (fn) => {
      const client = await pool.connect();
      try {
        // Bulk statements are sent unnamed, so each is planned with its own values whatever this
        // says; what it decides is the plans of the triggers they fire. Under the connection's
        // force_custom_plan, every foreign-key check (one per inserted row) was planned again
        // before it ran: in a million-row import, a million plans of the households lookup,
        // 38% of PostgreSQL's CPU (perf), and the import took 45–51 s instead of 37–38. A SET, not
        // a query, so the caller may still set the transaction's isolation level; skipped on an
        // engine without the setting (planEachExecution's exception), where it would fail.
        hasPlanCacheMode ??= await settingExists(client, "plan_cache_mode");
        await client.query("BEGIN");
        if (hasPlanCacheMode) await client.query("SET LOCAL plan_cache_mode = auto");
        const result = await fn({
          query: async (text, params) => (await client.query(text, params)).rows,
          copyCsv: (target, csv) =>
            new Promise<void>((resolve, reject) => {
              const stream = client.query(copyFrom(`COPY ${target} FROM STDIN WITH (FORMAT csv)`));
              stream.on("finish", () => resolve());
              stream.on("error", reject);
              stream.end(csv);
            }),
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/**
 * Kysely's PostgreSQL adapter takes a session-level advisory lock around migrations; distributed
 * Postgres engines have none. This one locks the migrator's own lock row instead, which holds
 * until the transaction commits: migrateToLatest always hands the migrator a transaction.
 */
class RowLockPostgresAdapter extends PostgresAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>, opt: MigrationLockOptions): Promise<void> {
    if (!db.isTransaction) throw new Error("Migrations take their lock inside a transaction");
    await sql`select id from ${sql.table(opt.lockTable)} where id = ${opt.lockRowId} for update`.execute(db);
  }

  override async releaseMigrationLock(): Promise<void> {
    // The row lock ends with the migration's transaction.
  }
}

class RowLockPostgresDialect extends PostgresDialect {
  override createAdapter(): DialectAdapter {
    return new RowLockPostgresAdapter();
  }
}

/** A promise-chain mutex: PGlite has one connection, so every user of it takes turns. */
class Mutex {
  #tail: Promise<unknown> = Promise.resolve();
  #release?: () => void;

  async acquire(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    this.#release = release;
  }

  release(): void {
    const r = this.#release;
    this.#release = undefined;
    r?.();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

/** Kysely's PGlite dialect (compiler, adapter) with a driver for PGlite on its own thread. */
class ThreadPGliteDialect extends PGliteDialect {
  constructor(
    private readonly thread: PGliteThread,
    private readonly lock: Mutex,
  ) {
    super({ pglite: undefined as never });
  }

  override createDriver(): Driver {
    return new PGliteThreadDriver(this.thread, this.lock);
  }
}

async function settingExists(client: pg.PoolClient, name: string): Promise<boolean> {
  const { rows } = await client.query<{ value: string | null }>("select current_setting($1, true) as value", [
    name,
  ]);
  return rows[0]?.value != null;
}
