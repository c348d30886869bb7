import { type BoxStatus, stepBox } from "@shequ/core/box-manifest";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { PackResult } from "./box-schema";
import { loadBoxSummary } from "./box-view";
import { BOX_MESSAGES, boxRefusal, findVisibleBox } from "./find-box";
import {
  addToBoxCount,
  appendCustody,
  claimTube,
  lockBox,
  selectBoxBarcode,
  selectTubeByBarcode,
} from "./queries";

/**
 * Packs a sealed tube of the box's own point into the box. The tube is claimed with a conditional
 * update, so of two registrars packing one tube into two boxes exactly one wins, and the other
 * is told which box has it. Scanning a tube twice into the same box changes nothing.
 */
export async function packTube(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { boxId: string; barcode: string },
): Promise<PackResult> {
  requirePermission(user, "sample.transport");
  const visible = await findVisibleBox(db, user, opts.boxId);
  return inTransaction(db, async (trx) => {
    const box = await lockBox(trx, visible.id);
    const tube = await selectTubeByBarcode(trx, opts.barcode);
    if (!tube) {
      throw boxRefusal("not_found", "tube_unknown", "No tube has this barcode: was it opened at a station?");
    }
    const summary = { barcode: tube.barcode, people: tube.people, single: tube.single };
    if (tube.box_id === box.id) return { ...(await loadBoxSummary(trx, box)), tube: summary, already: true };
    const step = stepBox({ status: box.status as BoxStatus, tubes: box.tubes }, "pack");
    if (!step.ok) throw boxRefusal("conflict", step.code, BOX_MESSAGES[step.code] as string);
    if (tube.campaign_id !== box.campaign_id || tube.site_id !== box.site_id) {
      throw boxRefusal("conflict", "tube_other_point", "This tube was filled at another collection point");
    }
    if (!(await claimTube(trx, tube.id, box.id))) throw await whyNotClaimed(trx, tube.id);
    const row = await addToBoxCount(trx, box.id, 1);
    await appendCustody(trx, [{ boxId: box.id, tubeId: tube.id, kind: "packed", userId: user.id }]);
    await recordAudit(trx, {
      userId: user.id,
      action: "box.pack",
      entityType: "box",
      entityId: box.id,
      details: { tubeId: tube.id },
    });
    return { ...(await loadBoxSummary(trx, row)), tube: summary, already: false };
  });
}

/** The tube changed under us (or was never sealed): read it again and say why. */
async function whyNotClaimed(db: Kysely<Database>, tubeId: string) {
  const tube = await db
    .selectFrom("tubes")
    .select(["status", "box_id"])
    .where("id", "=", tubeId)
    .executeTakeFirstOrThrow();
  if (tube.box_id) {
    const box = await selectBoxBarcode(db, tube.box_id);
    return boxRefusal("conflict", "tube_boxed", `This tube is already packed in box ${box ?? "?"}`, { box });
  }
  if (tube.status === "open") {
    return boxRefusal("conflict", "tube_open", "The tube is still open at the station: seal it first");
  }
  return boxRefusal("conflict", "tube_boxed", `The tube has moved on (${tube.status})`);
}
