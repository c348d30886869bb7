import { type BoxStatus, compareManifest, stepBox } from "@shequ/core/box-manifest";
import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import type { ReceiveInput, ReceiveResult } from "./box-schema";
import { loadBoxSummary } from "./box-view";
import { BOX_MESSAGES, boxRefusal, findVisibleBox } from "./find-box";
import {
  appendCustody,
  type BoxRow,
  type CustodyEntry,
  lockBox,
  markTubesReceived,
  selectBoxTubes,
  selectReceiptEvents,
  selectTubesByBarcodes,
} from "./queries";

/**
 * The lab's receipt of a box: the tubes scanned out of it are received, manifest tubes nobody
 * scanned are recorded missing and scanned tubes the manifest does not list are recorded extra,
 * never guessed into the box. Once received, a box answers the same receipt again unchanged, so
 * a retried request or a second person's scan cannot rewrite what arrived.
 */
export async function receiveBox(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { boxId: string } & ReceiveInput,
): Promise<ReceiveResult> {
  requirePermission(user, "lab.results");
  const visible = await findVisibleBox(db, user, opts.boxId);
  return inTransaction(db, async (trx) => {
    const box = await lockBox(trx, visible.id);
    if (box.status === "received") return answerStored(trx, box);
    const step = stepBox({ status: box.status as BoxStatus, tubes: box.tubes }, "receive");
    if (!step.ok) throw boxRefusal("conflict", step.code, BOX_MESSAGES[step.code] as string);

    const manifest = await selectBoxTubes(trx, box.id);
    const check = compareManifest(
      manifest.map((t) => t.barcode),
      // The box's own label scanned among the tubes is not a tube.
      opts.tubes.filter((b) => b.trim() !== box.barcode),
    );
    await markTubesReceived(trx, box.id, check.received);
    const idOf = new Map(manifest.map((t) => [t.barcode, t.id]));
    const extras = new Map((await selectTubesByBarcodes(trx, check.extra)).map((t) => [t.barcode, t.id]));
    const row = await trx
      .updateTable("boxes")
      .set({ status: step.status, received_at: sql`now()`, received_by: user.id })
      .where("id", "=", box.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    const event = (kind: string, barcode: string, tubeId: string | null): CustodyEntry => ({
      boxId: box.id,
      kind,
      userId: user.id,
      tubeId,
      // An extra barcode that names no tube at all is kept as scanned.
      details: tubeId ? {} : { barcode },
    });
    await appendCustody(trx, [
      {
        boxId: box.id,
        kind: "received",
        userId: user.id,
        party: user.displayName,
        details: {
          scanned: check.received.length + check.extra.length,
          handedOver: box.status === "handed_over",
        },
      },
      ...check.received.map((b) => event("tube_received", b, idOf.get(b) ?? null)),
      ...check.missing.map((b) => event("tube_missing", b, idOf.get(b) ?? null)),
      ...check.extra.map((b) => event("tube_extra", b, extras.get(b) ?? null)),
    ]);
    await recordAudit(trx, {
      userId: user.id,
      action: "box.receive",
      entityType: "box",
      entityId: box.id,
      details: { received: check.received.length, missing: check.missing.length, extra: check.extra.length },
    });
    const { box: summary } = await loadBoxSummary(trx, row);
    return {
      received: check.received.length,
      missing: check.missing,
      extra: check.extra,
      already: false,
      box: summary,
    };
  });
}

async function answerStored(db: Kysely<Database>, box: BoxRow): Promise<ReceiveResult> {
  const events = await selectReceiptEvents(db, box.id);
  const { box: summary } = await loadBoxSummary(db, box);
  return {
    received: events.filter((e) => e.kind === "tube_received").length,
    missing: events.filter((e) => e.kind === "tube_missing").map((e) => e.barcode),
    extra: events.filter((e) => e.kind === "tube_extra").map((e) => e.barcode),
    already: true,
    box: summary,
  };
}
