import { describe, expect, it } from "vitest";
import { decidePackingScan, type PackingContext } from "./packing-scan";

const boxes = [
  { id: "b1", barcode: "BX1" },
  { id: "b2", barcode: "BX2" },
];
const ctx = (current?: { id: string; status: string }): PackingContext => ({
  boxes,
  current,
  knownTubes: new Set(["T1", "T2"]),
});

describe("a scan on the packing screen", () => {
  it("opens a box of the point by its label, whatever is in hand", () => {
    expect(decidePackingScan("BX2\n", ctx())).toEqual({ kind: "open_box", boxId: "b2" });
    expect(decidePackingScan("BX2", ctx({ id: "b1", status: "packing" }))).toEqual({
      kind: "open_box",
      boxId: "b2",
    });
  });

  it("packs anything else into the box being packed", () => {
    expect(decidePackingScan(" T9 ", ctx({ id: "b1", status: "packing" }))).toEqual({
      kind: "pack",
      boxId: "b1",
      barcode: "T9",
    });
  });

  it("asks for a box label when a tube is scanned with no box being packed", () => {
    expect(decidePackingScan("T1", ctx())).toEqual({ kind: "need_box", barcode: "T1" });
    expect(decidePackingScan("T2", ctx({ id: "b1", status: "sealed" }))).toEqual({
      kind: "need_box",
      barcode: "T2",
    });
  });

  it("starts a new box with an unknown label once the box in hand is sealed", () => {
    expect(decidePackingScan("BX3", ctx({ id: "b1", status: "sealed" }))).toEqual({
      kind: "new_box",
      barcode: "BX3",
    });
    expect(decidePackingScan("   ", ctx())).toEqual({ kind: "empty" });
  });
});
