import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDb } from "./client";

// PGlite's engine runs on the server's thread. A transaction must not hold the event loop from
// its first statement to its last, or no request is read (and none refused with 429) meanwhile.
describe.skipIf(process.env.TEST_DATABASE_URL)("the embedded database (PGlite)", () => {
  it("gives the event loop back between the statements of a transaction", async () => {
    const handle = await openDb({ dataDir: "memory://" });
    try {
      let ticks = 0;
      let running = true;
      const tick = () => {
        ticks += 1;
        if (running) setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      const statements = 40;
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < statements; i++) await sql`select ${i}::int`.execute(trx);
      });
      running = false;
      // A timer (like a socket read) ran between most statements, not only once at the end.
      expect(ticks).toBeGreaterThan(statements / 4);
    } finally {
      await handle.close();
    }
  });
});
