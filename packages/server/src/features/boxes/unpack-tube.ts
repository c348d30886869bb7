import { type BoxStatus, stepBox } from "@shequ/core/box-manifest";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { BoxResult } from "./box-schema";
import { loadBoxSummary } from "./box-view";
import { BOX_MESSAGES, boxRefusal, findVisibleBox } from "./find-box";
import { addToBoxCount, appendCustody, lockBox, releaseTube, selectTubeByBarcode } from "./queries";

/**
 * Takes a mis-packed tube out of a box still being packed: it is sealed again and waits for a
 * box. The packing stays in the chain of custody, followed by an "unpacked" event.
 */
export async function unpackTube(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { boxId: string; barcode: string },
): Promise<BoxResult> {
  requirePermission(user, "sample.transport");
  const visible = await findVisibleBox(db, user, opts.boxId);
  return inTransaction(db, async (trx) => {
    const box = await lockBox(trx, visible.id);
    const step = stepBox({ status: box.status as BoxStatus, tubes: box.tubes }, "unpack");
    if (!step.ok) throw boxRefusal("conflict", step.code, BOX_MESSAGES[step.code] as string);
    const tube = await selectTubeByBarcode(trx, opts.barcode.trim());
    if (!tube || tube.box_id !== box.id || !(await releaseTube(trx, tube.id, box.id))) {
      throw boxRefusal("not_found", "tube_not_in_box", "This tube is not in this box");
    }
    const row = await addToBoxCount(trx, box.id, -1);
    await appendCustody(trx, [{ boxId: box.id, tubeId: tube.id, kind: "unpacked", userId: user.id }]);
    await recordAudit(trx, {
      userId: user.id,
      action: "box.unpack",
      entityType: "box",
      entityId: box.id,
      details: { tubeId: tube.id },
    });
    return loadBoxSummary(trx, row);
  });
}
