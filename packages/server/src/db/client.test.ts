import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "./client";

/** Counts timer callbacks (as a socket read would run) until the returned stop() is called. */
function countTicks(): () => number {
  let ticks = 0;
  let running = true;
  const tick = () => {
    ticks += 1;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  return () => {
    running = false;
    return ticks;
  };
}

// PGlite's engine runs each statement to its end without yielding. On the server's thread it would
// hold the event loop meanwhile: no request read, none refused with 429. It runs on a thread of
// its own (pglite-thread.ts).
describe.skipIf(process.env.TEST_DATABASE_URL)("the embedded database (PGlite)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDb({ dataDir: "memory://" });
  });
  afterAll(() => handle.close());

  it("gives the event loop back between the statements of a transaction", async () => {
    const stop = countTicks();
    const statements = 40;
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < statements; i++) await sql`select ${i}::int`.execute(trx);
    });
    // A timer ran between most statements, not only once at the end.
    expect(stop()).toBeGreaterThan(statements / 4);
  });

  it("keeps the event loop running during one long statement, and keeps PostgreSQL's error fields", async () => {
    const stop = countTicks();
    const started = performance.now();
    const { rows } = await sql<{ n: number }>`select count(*) as n from generate_series(1, 3000000)`.execute(
      handle.db,
    );
    const ms = performance.now() - started;
    const ticks = stop();
    expect(rows[0]?.n).toBe(3_000_000);
    // On the server's thread: 0 or 1 tick however long it ran.
    expect(ticks).toBeGreaterThan(Math.min(10, ms / 20));
    const failed = await sql`select 1 / 0`.execute(handle.db).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: "22012", message: expect.stringMatching(/division by zero/) });
  });
});
