import { type BoxStatus, stepBox } from "@shequ/core/box-manifest";
import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { BoxResult } from "./box-schema";
import { loadBoxSummary } from "./box-view";
import { BOX_MESSAGES, boxRefusal, findVisibleBox } from "./find-box";
import { appendCustody, lockBox } from "./queries";

/**
 * Seals a box: its manifest is fixed from here on (nothing packed, nothing taken out). Sealing a
 * sealed box again (a double tap) answers the box as it is.
 */
export async function sealBox(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { boxId: string },
): Promise<BoxResult> {
  requirePermission(user, "sample.transport");
  const visible = await findVisibleBox(db, user, opts.boxId);
  return inTransaction(db, async (trx) => {
    const box = await lockBox(trx, visible.id);
    if (box.status === "sealed") return loadBoxSummary(trx, box);
    const step = stepBox({ status: box.status as BoxStatus, tubes: box.tubes }, "seal");
    if (!step.ok) throw boxRefusal("conflict", step.code, BOX_MESSAGES[step.code] as string);
    const row = await trx
      .updateTable("boxes")
      .set({ status: step.status, sealed_at: sql`now()` })
      .where("id", "=", box.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendCustody(trx, [
      { boxId: box.id, kind: "sealed", userId: user.id, details: { tubes: box.tubes } },
    ]);
    await recordAudit(trx, {
      userId: user.id,
      action: "box.seal",
      entityType: "box",
      entityId: box.id,
      details: { tubes: box.tubes },
    });
    return loadBoxSummary(trx, row);
  });
}
