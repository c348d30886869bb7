/**
 * A transport box on its way from a collection point to the lab: packed by scanning sealed tubes,
 * sealed, handed to a courier, received at the lab. At receipt the lab scans the tubes actually in
 * the box and the comparison with the manifest says which are missing and which should not be
 * there. Pure: the server applies these rules under a row lock, and the pages use them to show
 * the same verdict while people scan.
 */

export const BOX_STATUSES = ["packing", "sealed", "handed_over", "received"] as const;
export type BoxStatus = (typeof BOX_STATUSES)[number];

export type BoxAction = "pack" | "unpack" | "seal" | "hand_over" | "receive";

/** Why a box refused a step; the same codes the boxes API answers with. */
export type BoxRefusal =
  /** Packing or unpacking a box that is no longer being packed. */
  | "box_sealed"
  /** Sealing a box with no tube in it. */
  | "box_empty"
  /** Handing over or receiving a box still being packed. */
  | "box_not_sealed"
  /** Handing over a box that already left with a courier (or reached the lab). */
  | "box_handed_over";

export type BoxStep = { ok: true; status: BoxStatus } | { ok: false; code: BoxRefusal };

/**
 * The next status of a box for an action, or why not. A box that is not handed over can still be
 * received: the lab records what arrived rather than turn a box away at 3 am, and the missing
 * hand-over stays visible in the chain of custody.
 */
export function stepBox(box: { status: BoxStatus; tubes: number }, action: BoxAction): BoxStep {
  switch (action) {
    case "pack":
    case "unpack":
      return box.status === "packing" ? { ok: true, status: "packing" } : { ok: false, code: "box_sealed" };
    case "seal":
      if (box.status !== "packing") return { ok: false, code: "box_sealed" };
      return box.tubes > 0 ? { ok: true, status: "sealed" } : { ok: false, code: "box_empty" };
    case "hand_over":
      if (box.status === "packing") return { ok: false, code: "box_not_sealed" };
      return box.status === "sealed"
        ? { ok: true, status: "handed_over" }
        : { ok: false, code: "box_handed_over" };
    case "receive":
      return box.status === "packing"
        ? { ok: false, code: "box_not_sealed" }
        : { ok: true, status: "received" };
  }
}

export interface ManifestCheck {
  /** Manifest tubes that were scanned, in manifest order. */
  received: string[];
  /** Manifest tubes that were not scanned, in manifest order. */
  missing: string[];
  /** Scanned barcodes that are not in the manifest, in scan order, each once. */
  extra: string[];
  /** Barcodes scanned more than once (a double scan, not a problem), each once. */
  repeated: string[];
}

/** A scanned barcode as compared: surrounding spaces (a scanner's suffix) do not count. */
export function normalizeBarcode(text: string): string {
  return text.trim();
}

/**
 * Compares the tubes scanned out of a box with its manifest. Every manifest tube is either
 * received or missing, every distinct scan is either received or extra, never both.
 */
export function compareManifest(manifest: readonly string[], scanned: readonly string[]): ManifestCheck {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const order: string[] = [];
  for (const raw of scanned) {
    const barcode = normalizeBarcode(raw);
    if (barcode === "") continue;
    if (seen.has(barcode)) repeated.add(barcode);
    else {
      seen.add(barcode);
      order.push(barcode);
    }
  }
  const listed = new Set(manifest.map(normalizeBarcode));
  const unique = [...listed];
  return {
    received: unique.filter((b) => seen.has(b)),
    missing: unique.filter((b) => !seen.has(b)),
    extra: order.filter((b) => !listed.has(b)),
    repeated: [...repeated],
  };
}
