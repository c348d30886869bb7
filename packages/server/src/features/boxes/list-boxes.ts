import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { iso } from "../campaigns/queries";
import { findStationPoint } from "../station/find-station-point";
import type { BoxList, BoxPointQuery } from "./box-schema";
import { presentBox } from "./box-view";
import { countWaitingTubes, selectPointBoxes, selectReceiptCounts, selectWaitingTubes } from "./queries";

/** A point's boxes in a round, newest first, and how many sealed tubes still wait for a box. */
export async function listBoxes(
  db: Kysely<Database>,
  user: SessionUser,
  query: BoxPointQuery,
): Promise<BoxList> {
  requirePermission(user, "sample.transport");
  const { campaign, site } = await findStationPoint(db, user, query.campaignId, query.siteId);
  const [rows, waiting, waitingTubes] = await Promise.all([
    selectPointBoxes(db, campaign.id, site.id),
    countWaitingTubes(db, campaign.id, site.id),
    selectWaitingTubes(db, campaign.id, site.id),
  ]);
  const receipts = await selectReceiptCounts(
    db,
    rows.filter((r) => r.status === "received").map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentBox(r, waiting, receipts.get(r.id))),
    waiting,
    waitingTubes: waitingTubes.map((t) => ({
      barcode: t.barcode,
      people: t.people,
      single: t.single,
      sealedAt: t.sealed_at ? iso(t.sealed_at) : null,
    })),
  };
}
