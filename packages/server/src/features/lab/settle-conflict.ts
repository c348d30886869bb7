import type { TubeResult } from "@shequ/core/lab-results";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { applyTubeResults } from "../recalls/apply-tube-results";
import { isUuid } from "../regions/scope";
import { siteVisible } from "../station/find-station-point";

export interface SettleInput {
  keep: "existing" | "new";
  reason: string;
}

/**
 * A person decides a conflict: keep the tube's result, or take the new one. Taking the new one
 * replaces the tube's result and applies it like any result (recalls included) in the same
 * transaction. Either way the choice, the reason and the result it replaced stay on the conflict.
 */
export async function settleConflict(
  db: Kysely<Database>,
  user: SessionUser,
  id: string,
  input: SettleInput,
): Promise<{ id: string; keep: "existing" | "new"; result: TubeResult }> {
  requirePermission(user, "lab.results");
  return inTransaction(db, async (trx) => {
    const row = isUuid(id)
      ? await trx
          .selectFrom("result_conflicts as c")
          .innerJoin("tubes as t", "t.id", "c.tube_id")
          .innerJoin("sites as s", "s.id", "t.site_id")
          .leftJoin("tube_results as r", "r.tube_id", "t.id")
          .select([
            "c.id",
            "c.tube_id",
            "c.batch_id",
            "c.result",
            "c.tested_at",
            "c.settled_at",
            "t.campaign_id",
            "r.result as current",
          ])
          .where("c.id", "=", id)
          .where(siteVisible(user, "s"))
          // The tube too: a batch applying to it at the same moment waits for this decision.
          .forUpdate(["c", "t"])
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError("not_found", "Result conflict not found");
    if (row.settled_at)
      throw new AppError("conflict", "This conflict has already been settled", { reason: "settled" });
    const incoming = row.result as TubeResult;
    if (input.keep === "new") {
      await trx
        .updateTable("tube_results")
        .set({ result: incoming, tested_at: row.tested_at, batch_id: row.batch_id })
        .where("tube_id", "=", row.tube_id)
        .execute();
      await applyTubeResults(trx, [
        { tubeId: row.tube_id, campaignId: row.campaign_id, result: incoming, testedAt: row.tested_at },
      ]);
    }
    await trx
      .updateTable("result_conflicts")
      .set({
        settled_at: new Date(),
        settled_by: user.id,
        settled_keep: input.keep,
        settle_reason: input.reason,
        previous_result: row.current,
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "lab.conflict.settle",
      entityType: "result_conflict",
      entityId: row.id,
      details: { tubeId: row.tube_id, keep: input.keep },
    });
    return {
      id: row.id,
      keep: input.keep,
      result: input.keep === "new" ? incoming : (row.current ?? incoming),
    };
  });
}
