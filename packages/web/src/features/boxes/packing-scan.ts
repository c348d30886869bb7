import { normalizeBarcode } from "@shequ/core/box-manifest";

/** What one line from the scanner means on the packing screen. */
export type PackingScan =
  | { kind: "empty" }
  /** The label of a box of this point: open it (to go on packing, hand it over, print it). */
  | { kind: "open_box"; boxId: string }
  /** A tube while a box is being packed: pack it. */
  | { kind: "pack"; boxId: string; barcode: string }
  /** A tube of this point while no box is being packed: a box label must come first. */
  | { kind: "need_box"; barcode: string }
  /** Anything else while no box is being packed: a new box's label. */
  | { kind: "new_box"; barcode: string };

export interface PackingContext {
  boxes: readonly { id: string; barcode: string }[];
  /** The box in hand, if any. */
  current: { id: string; status: string } | undefined;
  /** Tube barcodes this screen knows (waiting at the point, or in the box in hand). */
  knownTubes: ReadonlySet<string>;
}

/**
 * Decides what a scan does. A box label always opens its box, so scanning the next box's label
 * is how a registrar moves on; with a box being packed, anything else is a tube for it; with none,
 * anything that is not a known tube starts a new box (the server still refuses a tube's barcode).
 */
export function decidePackingScan(text: string, ctx: PackingContext): PackingScan {
  const barcode = normalizeBarcode(text);
  if (barcode === "") return { kind: "empty" };
  const box = ctx.boxes.find((b) => b.barcode === barcode);
  if (box) return { kind: "open_box", boxId: box.id };
  if (ctx.current?.status === "packing") return { kind: "pack", boxId: ctx.current.id, barcode };
  if (ctx.knownTubes.has(barcode)) return { kind: "need_box", barcode };
  return { kind: "new_box", barcode };
}
