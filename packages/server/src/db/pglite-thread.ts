import { Worker } from "node:worker_threads";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

type Reply = {
  id: number;
  rows?: Record<string, unknown>[];
  affectedRows?: number;
  error?: Record<string, unknown> & { message: string };
};

/** An error from the worker, with PostgreSQL's fields (code, constraint, detail…) as PGlite had them. */
function revive(error: Record<string, unknown> & { message: string }): Error {
  const e = new Error(error.message) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(error)) if (key !== "message") e[key] = value;
  return e;
}

/**
 * PGlite on a worker thread (`pglite-worker.mjs`). Its engine runs each statement to the end
 * without yielding; on the server's thread that held the event loop (no request read, no 429
 * answered) for as long as the statement ran. From here every statement is a message, answered
 * in the order sent.
 */
export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  #next = 1;
  #dead?: Error;
  readonly ready: Promise<void>;

  constructor(dataDir: string) {
    this.#worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir } });
    this.ready = new Promise((resolve, reject) => {
      const first = (m: { ready?: boolean; startError?: { message: string } }) => {
        if (m.ready) resolve();
        else if (m.startError) reject(revive(m.startError));
      };
      this.#worker.once("message", first);
      this.#worker.once("error", reject);
      this.#worker.once("exit", (code) => reject(new Error(`The embedded database did not start (${code})`)));
    });
    this.#worker.on("message", (m: Reply) => {
      const waiting = this.#pending.get(m.id);
      if (!waiting) return;
      this.#pending.delete(m.id);
      waiting.resolve(m);
    });
    const fail = (error: Error) => {
      this.#dead ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`The embedded database's thread ended (${code})`)));
  }

  #send(message: Record<string, unknown>): Promise<Reply> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#next++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message });
    }).then((reply) => {
      if (reply.error) throw revive(reply.error);
      return reply;
    });
  }

  async query<R>(
    text: string,
    params: readonly unknown[] = [],
  ): Promise<{ rows: R[]; affectedRows?: number }> {
    const reply = await this.#send({ op: "query", sql: text, params });
    return { rows: (reply.rows ?? []) as R[], affectedRows: reply.affectedRows };
  }

  /** `COPY target FROM` the CSV text, inside whatever transaction is open. */
  async copyCsv(target: string, csv: string): Promise<void> {
    await this.#send({ op: "copy", target, csv });
  }

  async close(): Promise<void> {
    if (this.#dead) return;
    await this.#send({ op: "close" });
    await this.#worker.terminate();
  }
}

/** The one connection to the thread; callers take turns through `lock` (see SerialDriver). */
class ThreadConnection implements DatabaseConnection {
  constructor(private readonly thread: PGliteThread) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.thread.query<R>(query.sql, query.parameters);
    return { rows, numAffectedRows: affectedRows != null ? BigInt(affectedRows) : undefined };
  }

  // biome-ignore lint/correctness/useYield: PGlite cannot stream; Kysely's own PGlite driver throws too.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not supported by PGlite");
  }
}

const ISOLATION = new Set([
  "read uncommitted",
  "read committed",
  "repeatable read",
  "serializable",
  "snapshot",
]);
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Kysely's driver for the thread. PGlite has one connection, which Kysely would hand to every
 * caller at once (a query from one request inside another's open transaction): it is held from
 * acquire to release, a whole transaction, by one caller at a time.
 */
export class PGliteThreadDriver implements Driver {
  readonly #connection: ThreadConnection;

  constructor(
    private readonly thread: PGliteThread,
    private readonly lock: { acquire(): Promise<void>; release(): void },
  ) {
    this.#connection = new ThreadConnection(thread);
  }

  async init(): Promise<void> {
    await this.thread.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.lock.release();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel;
    if (level && !ISOLATION.has(level)) throw new Error(`Unknown isolation level ${level}`);
    await connection.executeQuery(
      CompiledQuery.raw(level ? `start transaction isolation level ${level}` : "begin"),
    );
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async destroy(): Promise<void> {
    await this.thread.close();
  }
}
