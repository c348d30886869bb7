import { type Kysely, type Selectable, sql } from "kysely";
import { newId } from "../../db/ids";
import type { BoxTable, Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { isUuid } from "../regions/scope";
import { siteVisible } from "../station/find-station-point";

export type BoxRow = Selectable<BoxTable>;

/** A box whose collection point lies in the user's area, or undefined (as for an id that does not exist). */
export async function selectVisibleBox(
  db: Kysely<Database>,
  user: SessionUser,
  where: { id: string } | { barcode: string },
): Promise<BoxRow | undefined> {
  if ("id" in where && !isUuid(where.id)) return undefined;
  let query = db
    .selectFrom("boxes as b")
    .innerJoin("sites as s", "s.id", "b.site_id")
    .selectAll("b")
    .where(siteVisible(user, "s"));
  query = "id" in where ? query.where("b.id", "=", where.id) : query.where("b.barcode", "=", where.barcode);
  return query.executeTakeFirst();
}

/** Locks the box row: packing, sealing, handing over and receiving one box take turns here. */
export async function lockBox(db: Kysely<Database>, id: string): Promise<BoxRow> {
  return db.selectFrom("boxes").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
}

export async function selectTubeByBarcode(db: Kysely<Database>, barcode: string) {
  return db
    .selectFrom("tubes")
    .select(["id", "barcode", "campaign_id", "site_id", "status", "box_id", "people", "single"])
    .where("barcode", "=", barcode)
    .executeTakeFirst();
}

export async function selectBoxOfBarcode(db: Kysely<Database>, barcode: string) {
  return db
    .selectFrom("boxes")
    .select(["id", "campaign_id", "site_id"])
    .where("barcode", "=", barcode)
    .executeTakeFirst();
}

export async function selectBoxBarcode(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom("boxes").select("barcode").where("id", "=", id).executeTakeFirst();
  return row?.barcode;
}

/**
 * Puts a sealed tube in the box, only if it is still sealed and in no box: of two registrars
 * packing one tube into two boxes, the second one's update finds the row changed (PostgreSQL
 * re-checks the condition after waiting for the first's lock) and touches nothing.
 */
export async function claimTube(db: Kysely<Database>, tubeId: string, boxId: string): Promise<boolean> {
  const result = await db
    .updateTable("tubes")
    .set({ status: "boxed", box_id: boxId, boxed_at: sql`now()` })
    .where("id", "=", tubeId)
    .where("status", "=", "sealed")
    .where("box_id", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes a tube out of the box it is being packed in: sealed again, waiting for a box. */
export async function releaseTube(db: Kysely<Database>, tubeId: string, boxId: string): Promise<boolean> {
  const result = await db
    .updateTable("tubes")
    .set({ status: "sealed", box_id: null, boxed_at: null })
    .where("id", "=", tubeId)
    .where("box_id", "=", boxId)
    .where("status", "=", "boxed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function addToBoxCount(db: Kysely<Database>, boxId: string, delta: number): Promise<BoxRow> {
  return db
    .updateTable("boxes")
    .set({ tubes: sql`tubes + ${delta}` })
    .where("id", "=", boxId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface CustodyEntry {
  boxId: string;
  kind: string;
  userId: string | null;
  tubeId?: string | null;
  party?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the chain of custody. Never updated or deleted: a correction is a new event. */
export async function appendCustody(db: Kysely<Database>, entries: CustodyEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await db
      .insertInto("custody_events")
      .values(
        entries.slice(i, i + 1000).map((e) => ({
          id: newId(),
          box_id: e.boxId,
          tube_id: e.tubeId ?? null,
          kind: e.kind,
          user_id: e.userId,
          party: e.party ?? null,
          details: JSON.stringify(e.details ?? {}),
        })),
      )
      .execute();
  }
}

/** Sealed tubes of a point that no box holds yet. */
export async function countWaitingTubes(db: Kysely<Database>, campaignId: string, siteId: string) {
  const row = await db
    .selectFrom("tubes")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("campaign_id", "=", campaignId)
    .where("site_id", "=", siteId)
    .where("status", "=", "sealed")
    .where("box_id", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function selectWaitingTubes(db: Kysely<Database>, campaignId: string, siteId: string) {
  return db
    .selectFrom("tubes")
    .select(["barcode", "people", "single", "sealed_at"])
    .where("campaign_id", "=", campaignId)
    .where("site_id", "=", siteId)
    .where("status", "=", "sealed")
    .where("box_id", "is", null)
    .orderBy("sealed_at", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
}

export async function selectPointBoxes(db: Kysely<Database>, campaignId: string, siteId: string) {
  return db
    .selectFrom("boxes")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("site_id", "=", siteId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1000)
    .execute();
}

export interface ReceiptCounts {
  received: number;
  missing: number;
  extra: number;
}

/** What the lab recorded for each received box, counted from its chain of custody. */
export async function selectReceiptCounts(
  db: Kysely<Database>,
  boxIds: string[],
): Promise<Map<string, ReceiptCounts>> {
  const out = new Map<string, ReceiptCounts>();
  if (boxIds.length === 0) return out;
  const rows = await db
    .selectFrom("custody_events")
    .select(["box_id", "kind", (eb) => eb.fn.countAll().as("n")])
    .where("box_id", "in", boxIds)
    .where("kind", "in", ["tube_received", "tube_missing", "tube_extra"])
    .groupBy(["box_id", "kind"])
    .execute();
  for (const r of rows) {
    const counts = out.get(r.box_id) ?? { received: 0, missing: 0, extra: 0 };
    if (r.kind === "tube_received") counts.received = Number(r.n);
    if (r.kind === "tube_missing") counts.missing = Number(r.n);
    if (r.kind === "tube_extra") counts.extra = Number(r.n);
    out.set(r.box_id, counts);
  }
  return out;
}

/** The tubes packed in a box, in packing order. */
export async function selectBoxTubes(db: Kysely<Database>, boxId: string) {
  return db
    .selectFrom("tubes")
    .select(["id", "barcode", "people", "single", "status", "boxed_at", "received_at"])
    .where("box_id", "=", boxId)
    .orderBy("boxed_at")
    .orderBy("id")
    .execute();
}

/** A box's chain of custody, oldest first (ids are time-ordered, so one transaction's events keep their order). */
export async function selectCustodyEvents(db: Kysely<Database>, boxId: string) {
  const { rows } = await sql<{
    kind: string;
    at: Date;
    user_name: string | null;
    party: string | null;
    tube_barcode: string | null;
  }>`
    select e.kind, e.at, u.display_name as user_name, e.party,
      coalesce(t.barcode, e.details->>'barcode') as tube_barcode
    from custody_events e
    left join users u on u.id = e.user_id
    left join tubes t on t.id = e.tube_id
    where e.box_id = ${boxId}
    order by e.at, e.id`.execute(db);
  return rows;
}

/** The events a receipt wrote, to answer a repeated receipt with what was recorded the first time. */
export async function selectReceiptEvents(db: Kysely<Database>, boxId: string) {
  const { rows } = await sql<{ kind: string; barcode: string }>`
    select e.kind, coalesce(t.barcode, e.details->>'barcode') as barcode
    from custody_events e left join tubes t on t.id = e.tube_id
    where e.box_id = ${boxId} and e.kind in ('tube_received', 'tube_missing', 'tube_extra')
    order by e.id`.execute(db);
  return rows;
}

export async function selectPointNames(db: Kysely<Database>, campaignId: string, siteId: string) {
  return db
    .selectFrom("sites as s")
    .innerJoin("campaigns as c", "c.id", "s.campaign_id")
    .select([
      "c.id as campaign_id",
      "c.name as campaign_name",
      "s.id as site_id",
      "s.name as site_name",
      "s.address",
    ])
    .where("s.id", "=", siteId)
    .where("c.id", "=", campaignId)
    .executeTakeFirstOrThrow();
}

/** Tubes named by barcode (the lab's extra scans), whatever box or point they belong to. */
export async function selectTubesByBarcodes(db: Kysely<Database>, barcodes: string[]) {
  if (barcodes.length === 0) return [];
  return db.selectFrom("tubes").select(["id", "barcode"]).where("barcode", "in", barcodes).execute();
}

/** Marks the scanned tubes of a box received at the lab. */
export async function markTubesReceived(db: Kysely<Database>, boxId: string, barcodes: string[]) {
  if (barcodes.length === 0) return [];
  return db
    .updateTable("tubes")
    .set({ status: "received", received_at: sql`now()` })
    .where("box_id", "=", boxId)
    .where("status", "=", "boxed")
    .where("barcode", "in", barcodes)
    .returning(["id", "barcode"])
    .execute();
}
