import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BoxStatus, compareManifest, stepBox } from "./box-manifest";

describe("box steps", () => {
  it("packs only while packing, and seals only a box with tubes in it", () => {
    expect(stepBox({ status: "packing", tubes: 0 }, "pack")).toEqual({ ok: true, status: "packing" });
    expect(stepBox({ status: "packing", tubes: 0 }, "seal")).toEqual({ ok: false, code: "box_empty" });
    expect(stepBox({ status: "packing", tubes: 3 }, "seal")).toEqual({ ok: true, status: "sealed" });
    for (const status of ["sealed", "handed_over", "received"] as const) {
      expect(stepBox({ status, tubes: 3 }, "pack")).toEqual({ ok: false, code: "box_sealed" });
      expect(stepBox({ status, tubes: 3 }, "unpack")).toEqual({ ok: false, code: "box_sealed" });
      expect(stepBox({ status, tubes: 3 }, "seal")).toEqual({ ok: false, code: "box_sealed" });
    }
  });

  it("hands over a sealed box only, once", () => {
    expect(stepBox({ status: "packing", tubes: 3 }, "hand_over")).toEqual({
      ok: false,
      code: "box_not_sealed",
    });
    expect(stepBox({ status: "sealed", tubes: 3 }, "hand_over")).toEqual({ ok: true, status: "handed_over" });
    expect(stepBox({ status: "handed_over", tubes: 3 }, "hand_over")).toEqual({
      ok: false,
      code: "box_handed_over",
    });
  });

  it("lets the lab receive a sealed box even when its hand-over was not recorded, never one being packed", () => {
    const receive = (status: BoxStatus) => stepBox({ status, tubes: 3 }, "receive");
    expect(receive("packing")).toEqual({ ok: false, code: "box_not_sealed" });
    expect(receive("sealed")).toEqual({ ok: true, status: "received" });
    expect(receive("handed_over")).toEqual({ ok: true, status: "received" });
  });
});

describe("manifest check", () => {
  it("names the missing tube and the one that should not be in the box", () => {
    const check = compareManifest(["T1", "T2", "T3"], ["T3", " T1 ", "X9", "T1", ""]);
    expect(check).toEqual({ received: ["T1", "T3"], missing: ["T2"], extra: ["X9"], repeated: ["T1"] });
  });

  it("splits the manifest into received and missing, and the scans into received and extra", () => {
    const barcode = fc.constantFrom("A", "B", "C", "D", "E", "F", "G");
    fc.assert(
      fc.property(fc.uniqueArray(barcode), fc.array(barcode), (manifest, scanned) => {
        const check = compareManifest(manifest, scanned);
        expect([...check.received, ...check.missing].sort()).toEqual([...manifest].sort());
        expect([...check.received, ...check.extra].sort()).toEqual([...new Set(scanned)].sort());
        for (const b of check.extra) expect(manifest).not.toContain(b);
        for (const b of check.missing) expect(scanned).not.toContain(b);
      }),
    );
  });
});
