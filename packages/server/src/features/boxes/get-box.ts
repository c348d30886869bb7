import { roleCan } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError, forbidden } from "../../errors";
import type { SessionUser } from "../../http";
import { iso } from "../campaigns/queries";
import type { BoxDetail } from "./box-schema";
import { loadBoxSummary } from "./box-view";
import { findVisibleBox } from "./find-box";
import {
  type BoxRow,
  selectBoxTubes,
  selectCustodyEvents,
  selectPointNames,
  selectVisibleBox,
} from "./queries";

/** The point packing boxes and the lab receiving them both read a box and its chain of custody. */
function requireBoxReader(user: SessionUser): void {
  if (!roleCan(user.role, "sample.transport") && !roleCan(user.role, "lab.results")) {
    throw forbidden("Your role may not see transport boxes (sample.transport or lab.results)");
  }
}

/** A box with its manifest (barcodes and counts, no person) and its chain of custody. */
export async function getBox(db: Kysely<Database>, user: SessionUser, boxId: string): Promise<BoxDetail> {
  requireBoxReader(user);
  return presentDetail(db, await findVisibleBox(db, user, boxId));
}

/**
 * The box the lab has in hand, found by its label: what the point says is in it. A label of a
 * box outside the lab's area answers 404, as for one that does not exist.
 */
export async function getBoxByBarcode(
  db: Kysely<Database>,
  user: SessionUser,
  barcode: string,
): Promise<BoxDetail> {
  requireBoxReader(user);
  const box = await selectVisibleBox(db, user, { barcode: barcode.trim() });
  if (!box) throw new AppError("not_found", "No box with this label in your area", { code: "box_unknown" });
  return presentDetail(db, box);
}

async function presentDetail(db: Kysely<Database>, row: BoxRow): Promise<BoxDetail> {
  const [summary, names, tubes, events] = await Promise.all([
    loadBoxSummary(db, row),
    selectPointNames(db, row.campaign_id, row.site_id),
    selectBoxTubes(db, row.id),
    selectCustodyEvents(db, row.id),
  ]);
  return {
    box: {
      ...summary.box,
      campaign: { id: names.campaign_id, name: names.campaign_name },
      site: { id: names.site_id, name: names.site_name, address: names.address },
    },
    tubes: tubes.map((t) => ({
      barcode: t.barcode,
      people: t.people,
      single: t.single,
      status: t.status as BoxDetail["tubes"][number]["status"],
      boxedAt: t.boxed_at ? iso(t.boxed_at) : null,
      receivedAt: t.received_at ? iso(t.received_at) : null,
    })),
    events: events.map((e) => ({
      kind: e.kind as BoxDetail["events"][number]["kind"],
      at: iso(e.at),
      user: e.user_name,
      party: e.party,
      tube: e.tube_barcode,
    })),
  };
}
