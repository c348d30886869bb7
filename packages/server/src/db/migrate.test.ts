import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "./client";
import { migrateToLatest } from "./migrate";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database";

// Servers starting together on one PostgreSQL database must take turns at migrating, without an
// advisory lock (distributed Postgres engines have none): the migrator's lock row decides.
const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("migrations on PostgreSQL", () => {
  const made: ScratchDatabase[] = [];
  const freshDatabase = async () => {
    const scratch = await createScratchDatabase(adminUrl as string, "shequ_migrate");
    made.push(scratch);
    return scratch.url;
  };
  afterAll(async () => {
    for (const scratch of made) await scratch.drop();
  });

  it("two servers migrating one fresh database at once: each migration runs once, both start", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([
      openDb({ databaseUrl: url, dataDir: "" }),
      openDb({ databaseUrl: url, dataDir: "" }),
    ]);
    try {
      const [fromA, fromB] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
      const all = [...fromA, ...fromB].sort();
      expect(all.length).toBeGreaterThan(10);
      expect(new Set(all).size).toBe(all.length); // none applied twice
      expect(fromA.length === 0 || fromB.length === 0).toBe(true); // one did it all
      const rows = await a.db
        .selectFrom("kysely_migration" as never)
        .selectAll()
        .execute();
      expect(rows).toHaveLength(all.length);
      expect(await migrateToLatest(a.db)).toEqual([]); // and a restart finds nothing to do
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("waits for the migrator's lock row, held by another session, and takes no advisory lock", async () => {
    const url = await freshDatabase();
    const handle = await openDb({ databaseUrl: url, dataDir: "" });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await migrateToLatest(handle.db);
      await holder.query("begin");
      await holder.query("select id from kysely_migration_lock where id = 'migration_lock' for update");
      let settled = false;
      const second = migrateToLatest(handle.db).finally(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(settled).toBe(false); // a second server waits its turn
      const advisory = await holder.query(
        "select count(*)::int as n from pg_locks where locktype = 'advisory'",
      );
      expect(advisory.rows[0].n).toBe(0);
      await holder.query("commit");
      expect(await second).toEqual([]);
    } finally {
      await holder.end();
      await handle.close();
    }
  });
});
