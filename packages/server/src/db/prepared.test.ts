import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/test-context";
import { PREPARED } from "./prepared";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Statements prepared on the transaction's own connection, with how each was planned. */
const preparedHere = (trx: TestContext["db"]) =>
  sql<{ statement: string; generic_plans: number; custom_plans: number }>`
    select statement, generic_plans::int, custom_plans::int from pg_prepared_statements
    where statement like '%marked-for-test%'`.execute(trx);

describe("statements marked PREPARED", () => {
  it("answer the same as unmarked ones on either database", async () => {
    const { rows } = await sql<{
      n: number;
      s: string;
    }>`${PREPARED}select ${41}::int + 1 as n, ${"测试"}::text as s`.execute(t.db);
    expect(rows).toEqual([{ n: 42, s: "测试" }]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "are parsed once per connection on PostgreSQL and planned for each execution's values",
    async () => {
      await t.db.transaction().execute(async (trx) => {
        const values: number[] = [];
        for (let i = 0; i < 8; i++) {
          const { rows } = await sql<{
            n: number;
          }>`${PREPARED}select ${i}::int as n /* marked-for-test */`.execute(trx);
          values.push(rows[0]?.n as number);
        }
        expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        // Unmarked: sent unnamed, nothing kept on the server.
        await sql`select 1 as n /* unmarked marked-for-test-not */`.execute(trx);
        const { rows } = await preparedHere(trx);
        expect(rows).toHaveLength(1);
        expect(rows[0]?.statement).toContain("select $1::int as n");
        // Eight executions, eight plans made with their values: none cached from earlier ones,
        // so a table that grows during a round never keeps a plan made when it was small.
        expect(rows[0]).toMatchObject({ generic_plans: 0, custom_plans: 8 });
      });
    },
  );
});

describe("bulk transactions on PostgreSQL", () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    "reuse one plan for a lookup run row by row (as a foreign-key check is), and leave the connection planning per execution",
    async () => {
      const modes = await t.handle.bulk(async (raw) => {
        // A foreign-key check is a statement the server keeps prepared and runs once per row; a
        // prepared statement here is planned as it is.
        await raw.query("prepare bulk_lookup_for_test (uuid) as select 1 from regions where id = $1");
        for (let i = 0; i < 8; i++)
          await raw.query("execute bulk_lookup_for_test ('00000000-0000-0000-0000-000000000000')");
        const [plans] = await raw.query<{ generic_plans: number; custom_plans: number }>(
          "select generic_plans::int, custom_plans::int from pg_prepared_statements where name = 'bulk_lookup_for_test'",
        );
        await raw.query("deallocate bulk_lookup_for_test");
        return plans;
      });
      // A few plans with their values (five, in PostgreSQL 15), then one generic plan reused:
      // not a plan per row.
      expect(modes?.generic_plans).toBeGreaterThan(0);
      expect(modes?.custom_plans).toBeLessThan(8);
      // The pool's connections still plan their own prepared statements for each execution.
      const { rows } = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(
        t.db,
      );
      expect(rows[0]?.mode).toBe("force_custom_plan");
    },
  );

  it.runIf(process.env.TEST_DATABASE_URL)(
    "still let the caller choose the transaction's isolation level first",
    async () => {
      const level = await t.handle.bulk(async (raw) => {
        await raw.query("set transaction isolation level serializable");
        const [row] = await raw.query<{ level: string }>(
          "select current_setting('transaction_isolation') as level",
        );
        return row?.level;
      });
      expect(level).toBe("serializable");
    },
  );
});
