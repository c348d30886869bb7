import { z } from "@hono/zod-openapi";
import { BOX_STATUSES } from "@shequ/core/box-manifest";
import { TUBE_STATUSES } from "@shequ/core/tube-state";

const Barcode = z.string().trim().min(1).max(64);

export const BoxPointQuery = z.object({
  campaignId: z.string().min(1).max(64),
  siteId: z.string().min(1).max(64),
});
export type BoxPointQuery = z.infer<typeof BoxPointQuery>;

export const CreateBoxInput = BoxPointQuery.extend({ barcode: Barcode }).openapi("CreateBox");
export type CreateBoxInput = z.infer<typeof CreateBoxInput>;

export const PackInput = z.object({ barcode: Barcode }).openapi("PackTube");

export const TubeParams = z.object({ id: z.string().min(1).max(64), barcode: z.string().min(1).max(64) });
export const BarcodeParam = z.object({ barcode: z.string().min(1).max(64) });

export const HandOverInput = z
  .object({
    /** The courier's name: a worker's data, kept on the box and in its chain of custody. */
    courier: z.string().trim().min(1).max(50),
    phone: z.string().trim().max(32).optional(),
  })
  .openapi("HandOverBox");
export type HandOverInput = z.infer<typeof HandOverInput>;

export const ReceiveInput = z
  .object({ tubes: z.array(z.string().max(64)).max(5000) })
  .openapi({ description: "The tube barcodes scanned out of the box at the lab" });
export type ReceiveInput = z.infer<typeof ReceiveInput>;

export const BoxSummary = z
  .object({
    id: z.string(),
    barcode: z.string(),
    status: z.enum(BOX_STATUSES),
    tubes: z.number(),
    /**
     * What the box should hold: while packing, its tubes plus the point's sealed tubes not yet
     * in any box; once sealed, its manifest.
     */
    expected: z.number(),
    createdAt: z.string(),
    sealedAt: z.string().nullable(),
    handedOverAt: z.string().nullable(),
    courier: z.string().nullable(),
    receivedAt: z.string().nullable(),
    /** What the lab found, once received. */
    receipt: z.object({ received: z.number(), missing: z.number(), extra: z.number() }).nullable(),
  })
  .openapi("BoxSummary");
export type BoxSummary = z.infer<typeof BoxSummary>;

export const WaitingTube = z.object({
  barcode: z.string(),
  people: z.number(),
  single: z.boolean(),
  sealedAt: z.string().nullable(),
});

export const BoxList = z
  .object({
    items: z.array(BoxSummary),
    /** Sealed tubes of the point that are not in any box yet. */
    waiting: z.number(),
    /** The newest 200 of them, so the registrar can find the one left on the table. */
    waitingTubes: z.array(WaitingTube),
  })
  .openapi("BoxList");
export type BoxList = z.infer<typeof BoxList>;

export const CUSTODY_KINDS = [
  "created",
  "packed",
  "unpacked",
  "sealed",
  "handed_over",
  "received",
  "tube_received",
  "tube_missing",
  "tube_extra",
] as const;

export const BoxDetail = z
  .object({
    box: BoxSummary.extend({
      campaign: z.object({ id: z.string(), name: z.string() }),
      site: z.object({ id: z.string(), name: z.string(), address: z.string() }),
    }),
    /** The manifest: barcodes and counts, never a person. */
    tubes: z.array(
      z.object({
        barcode: z.string(),
        people: z.number(),
        single: z.boolean(),
        status: z.enum(TUBE_STATUSES),
        boxedAt: z.string().nullable(),
        receivedAt: z.string().nullable(),
      }),
    ),
    /** The chain of custody, oldest first. */
    events: z.array(
      z.object({
        kind: z.enum(CUSTODY_KINDS),
        at: z.string(),
        /** Who recorded it (display name of the account). */
        user: z.string().nullable(),
        /** The courier at hand-over, the lab at receipt. */
        party: z.string().nullable(),
        tube: z.string().nullable(),
      }),
    ),
  })
  .openapi("BoxDetail");
export type BoxDetail = z.infer<typeof BoxDetail>;

export const PackResult = z
  .object({
    box: BoxSummary,
    tube: z.object({ barcode: z.string(), people: z.number(), single: z.boolean() }),
    /** The tube was in this box already (a double scan): nothing changed. */
    already: z.boolean(),
    waiting: z.number(),
  })
  .openapi("PackResult");
export type PackResult = z.infer<typeof PackResult>;

export const BoxResult = z.object({ box: BoxSummary, waiting: z.number() }).openapi("BoxResult");
export type BoxResult = z.infer<typeof BoxResult>;

export const ReceiveResult = z
  .object({
    received: z.number(),
    missing: z.array(z.string()),
    extra: z.array(z.string()),
    /** The box had been received before: this is what was recorded then, nothing changed. */
    already: z.boolean(),
    box: BoxSummary,
  })
  .openapi("ReceiveResult");
export type ReceiveResult = z.infer<typeof ReceiveResult>;
