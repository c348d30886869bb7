/**
 * `--explain`: every query one dashboard call makes, captured on its way out and run again under
 * EXPLAIN ANALYZE; prints each one's execution time, and the whole plan of those over 2 ms. And
 * the plan of one fold of stage 1.
 */

import type { Kysely, RootOperationNode } from "kysely";
import type { Database } from "../packages/server/src/db/schema";
import { foldStatement, takeFoldBatch } from "../packages/server/src/features/command/fold-samples";
import { getDashboard } from "../packages/server/src/features/command/get-dashboard";
import type { SessionUser } from "../packages/server/src/http";

export async function explainDashboard(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  say: (line: string) => void,
): Promise<void> {
  const captured: RootOperationNode[] = [];
  const spy = db.withPlugin({
    transformQuery: (a) => {
      captured.push(a.node);
      return a.node;
    },
    transformResult: async (a) => a.result,
  });
  await getDashboard(spy, user, campaignId, {});
  say(`=== ${user.role} at ${user.scope?.level ?? "the top"}: ${captured.length} queries`);
  for (const node of captured) {
    const compiled = db.getExecutor().compileQuery(node, { queryId: "explain" } as never);
    const plan = await db.executeQuery<{ "QUERY PLAN": string }>({
      ...compiled,
      sql: `explain (analyze, buffers) ${compiled.sql}`,
    });
    const lines = plan.rows.map((r) => r["QUERY PLAN"]);
    const time = lines.find((l) => l.startsWith("Execution Time")) ?? "";
    const ms = Number(time.replace(/[^0-9.]/g, ""));
    say(`--- ${time} | ${compiled.sql.replace(/\s+/g, " ").slice(0, 140)}`);
    if (ms > 2) for (const line of lines) say(`    ${line}`);
  }
}

/** The plan of the folder's next fold (up to `limit` queued changes), run and rolled back. */
export async function explainFold(db: Kysely<Database>, limit: number, say: (line: string) => void) {
  const rollback = new Error("rolled back: explain only");
  await db
    .transaction()
    .execute(async (trx) => {
      const batch = await takeFoldBatch(trx, limit);
      const compiled = foldStatement(batch).compile(trx);
      const plan = await trx.executeQuery<{ "QUERY PLAN": string }>({
        ...compiled,
        sql: `explain (analyze, buffers) ${compiled.sql}`,
      });
      say(`=== the fold of ${batch.changes} queued changes`);
      for (const r of plan.rows) say(`    ${r["QUERY PLAN"]}`);
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
}
