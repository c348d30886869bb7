import type { BoxStatus } from "@shequ/core/box-manifest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { iso } from "../campaigns/queries";
import type { BoxSummary } from "./box-schema";
import { type BoxRow, countWaitingTubes, type ReceiptCounts, selectReceiptCounts } from "./queries";

const isoOrNull = (value: Date | string | null) => (value ? iso(value) : null);

/** A box as the API shows it; `waiting` is its point's sealed tubes not in any box yet. */
export function presentBox(row: BoxRow, waiting: number, receipt: ReceiptCounts | undefined): BoxSummary {
  const status = row.status as BoxStatus;
  return {
    id: row.id,
    barcode: row.barcode,
    status,
    tubes: row.tubes,
    expected: status === "packing" ? row.tubes + waiting : row.tubes,
    createdAt: iso(row.created_at),
    sealedAt: isoOrNull(row.sealed_at),
    handedOverAt: isoOrNull(row.handed_over_at),
    courier: row.courier,
    receivedAt: isoOrNull(row.received_at),
    receipt: status === "received" ? (receipt ?? { received: 0, missing: 0, extra: 0 }) : null,
  };
}

/** One box with its point's waiting count and its receipt, read fresh (inside the caller's transaction). */
export async function loadBoxSummary(
  db: Kysely<Database>,
  row: BoxRow,
): Promise<{ box: BoxSummary; waiting: number }> {
  const waiting = await countWaitingTubes(db, row.campaign_id, row.site_id);
  const receipts = row.status === "received" ? await selectReceiptCounts(db, [row.id]) : undefined;
  return { box: presentBox(row, waiting, receipts?.get(row.id)), waiting };
}
