import { type BoxStatus, stepBox } from "@shequ/core/box-manifest";
import { checkMobile, phoneReasonMessage } from "@shequ/core/phone";
import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { BoxResult, HandOverInput } from "./box-schema";
import { loadBoxSummary } from "./box-view";
import { BOX_MESSAGES, boxRefusal, findVisibleBox } from "./find-box";
import { appendCustody, lockBox } from "./queries";

/**
 * Hands a sealed box to a courier: who took it (name and phone, a worker's data) and when, the
 * link between the point and the lab in the chain of custody. Only a sealed box leaves.
 */
export async function handOverBox(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { boxId: string } & HandOverInput,
): Promise<BoxResult> {
  requirePermission(user, "sample.transport");
  const courier = courierText(opts.courier, opts.phone);
  const visible = await findVisibleBox(db, user, opts.boxId);
  return inTransaction(db, async (trx) => {
    const box = await lockBox(trx, visible.id);
    const step = stepBox({ status: box.status as BoxStatus, tubes: box.tubes }, "hand_over");
    if (!step.ok) throw boxRefusal("conflict", step.code, BOX_MESSAGES[step.code] as string);
    const row = await trx
      .updateTable("boxes")
      .set({ status: step.status, handed_over_at: sql`now()`, courier })
      .where("id", "=", box.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendCustody(trx, [{ boxId: box.id, kind: "handed_over", userId: user.id, party: courier }]);
    // The courier's name and phone stay out of the audit log: ids only.
    await recordAudit(trx, { userId: user.id, action: "box.hand_over", entityType: "box", entityId: box.id });
    return loadBoxSummary(trx, row);
  });
}

/** "张师傅 13800001111": the courier as kept on the box and in the custody event. */
function courierText(name: string, phone: string | undefined): string {
  if (!phone) return name;
  const check = checkMobile(phone);
  if (!check.ok) {
    const message = phoneReasonMessage(check.reason, "en");
    throw new AppError("validation", `phone: ${message}`, {
      issues: [{ field: "phone", reason: check.reason, message }],
    });
  }
  return `${name} ${check.normalized}`;
}
