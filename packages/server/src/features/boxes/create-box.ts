import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findStationPoint } from "../station/find-station-point";
import type { BoxSummary, CreateBoxInput } from "./box-schema";
import { presentBox } from "./box-view";
import { boxRefusal } from "./find-box";
import { appendCustody, countWaitingTubes, selectBoxOfBarcode, selectTubeByBarcode } from "./queries";

/**
 * Starts a transport box at a collection point by its label. A box label names one box for ever
 * (the lab finds the box by it), and a tube's barcode is refused as a label: at 1 am the likely
 * mistake is scanning a tube when the screen waits for a box.
 */
export async function createBox(
  db: Kysely<Database>,
  user: SessionUser,
  input: CreateBoxInput,
): Promise<BoxSummary> {
  requirePermission(user, "sample.transport");
  const { campaign, site } = await findStationPoint(db, user, input.campaignId, input.siteId);
  if (await selectTubeByBarcode(db, input.barcode)) {
    throw boxRefusal("conflict", "barcode_is_tube", "This is a tube's barcode: scan the box's own label");
  }
  return inTransaction(db, async (trx) => {
    const id = newId();
    const row = await trx
      .insertInto("boxes")
      .values({ id, barcode: input.barcode, campaign_id: campaign.id, site_id: site.id, created_by: user.id })
      .onConflict((oc) => oc.column("barcode").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      // The same point's own box (another desk started it a moment ago) is named, to be opened.
      const used = await selectBoxOfBarcode(trx, input.barcode);
      const ours = used?.campaign_id === campaign.id && used.site_id === site.id;
      throw boxRefusal("conflict", "box_used", "This box label was used before: take another box", {
        ...(ours ? { boxId: used.id } : {}),
      });
    }
    await appendCustody(trx, [{ boxId: id, kind: "created", userId: user.id }]);
    await recordAudit(trx, {
      userId: user.id,
      action: "box.create",
      entityType: "box",
      entityId: id,
      details: { campaignId: campaign.id, siteId: site.id },
    });
    return presentBox(row, await countWaitingTubes(trx, campaign.id, site.id), undefined);
  });
}
