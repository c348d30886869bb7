import { createHash } from "node:crypto";
import { makeCnIdNumber } from "@shequ/core/id-number";
import { describe, expect, it } from "vitest";
import { classifyEntry, hintFor, idHashOf } from "./scan-entry";
import type { ScanBody } from "./station-api";
import type { StoredScan, SyncState } from "./station-db";
import { canUndo, openTube, replayScans } from "./station-state";

const setup = { campaignId: "c1", siteId: "s1" };
const bootstrap = {
  campaign: { id: "c1", name: "R", poolSize: 10, status: "running" },
  sampledResidentIds: ["old"],
};

function scans(bodies: (ScanBody & { sync?: SyncState; siteId?: string })[]): StoredScan[] {
  return bodies.map(({ sync, siteId, ...body }, i) => ({
    id: `id-${i + 1}`,
    seq: i + 1,
    sync: sync ?? "pending",
    scan: {
      id: `id-${i + 1}`,
      seq: i + 1,
      at: "2026-11-28T00:00:00Z",
      campaignId: "c1",
      siteId: siteId ?? "s1",
      ...body,
    },
  }));
}
const bind = (residentId: string, extra: { sync?: SyncState } = {}): ScanBody & { sync?: SyncState } => ({
  kind: "bind",
  barcode: "T1",
  residentId,
  ...extra,
});

describe("what the station makes of an entry", () => {
  const id = makeCnIdNumber({ regionCode: "620102", birthDate: "1990-03-07", sequence: 123 });

  it("tells tokens, ID numbers and tube barcodes apart", () => {
    expect(classifyEntry("  SQ1.abc.def ")).toEqual({ kind: "token", token: "SQ1.abc.def" });
    expect(classifyEntry(id.toLowerCase())).toEqual({ kind: "id", idNumber: id });
    expect(classifyEntry("YJY-0001")).toEqual({ kind: "tube", barcode: "YJY-0001" });
    expect(classifyEntry("   ")).toEqual({ kind: "empty" });
  });

  it("refuses an ID number with a wrong check digit, and says so while typing", () => {
    const wrong = id.slice(0, 17) + (id.endsWith("1") ? "2" : "1");
    expect(classifyEntry(wrong)).toEqual({ kind: "id_invalid", reason: "check_digit" });
    expect(hintFor(wrong)).toEqual({ kind: "id_bad", reason: "check_digit" });
    expect(hintFor(id.slice(0, 16))).toEqual({ kind: "id_partial", missing: 2 });
    expect(hintFor(id)).toEqual({ kind: "id_ok" });
  });

  it("hashes an ID number exactly as the server's list does", () => {
    const expected = createHash("sha256").update(`c1:${id}`).digest("base64url");
    expect(idHashOf("c1", id)).toBe(expected);
  });
});

describe("the station's state, replayed from its stored scans", () => {
  it("seals a tube at its pool size; undo reopens it and takes the person out", () => {
    const ten = Array.from({ length: 10 }, (_, i) => bind(`r${i}`));
    const full = replayScans(scans([{ kind: "open_tube", barcode: "T1" }, ...ten]), setup, bootstrap);
    expect(full.current?.status).toBe("sealed");
    expect(full.current?.binds).toHaveLength(10);
    expect(openTube(full)).toBeUndefined();
    expect(full.unsynced).toBe(11);

    const undone = replayScans(
      scans([{ kind: "open_tube", barcode: "T1" }, ...ten, { kind: "unbind_last", barcode: "T1" }]),
      setup,
      bootstrap,
    );
    expect(undone.current?.status).toBe("open");
    expect(undone.sampled.has("r9")).toBe(false);
    expect(undone.sampled.has("r8")).toBe(true);
    expect(undone.sampled.has("old")).toBe(true);
  });

  it("skips refused scans and other points' scans, and lists the refused ones until resolved", () => {
    const view = replayScans(
      scans([
        { kind: "open_tube", barcode: "T1", sync: "applied" },
        bind("a", { sync: "applied" }),
        bind("b", { sync: "rejected" }),
        { kind: "open_tube", barcode: "T9", siteId: "elsewhere" },
      ]),
      setup,
      bootstrap,
    );
    expect(view.current?.barcode).toBe("T1");
    expect(view.current?.binds.map((b) => b.residentId)).toEqual(["a"]);
    expect(view.sampled.has("b")).toBe(false);
    expect(view.rejected.map((s) => s.id)).toEqual(["id-3"]);
    expect(view.unsynced).toBe(1);
  });

  it("keeps a tube sealed by hand closed to undo", () => {
    const view = replayScans(
      scans([{ kind: "open_tube", barcode: "T1" }, bind("a"), { kind: "seal", barcode: "T1" }]),
      setup,
      bootstrap,
    );
    expect(view.current?.status).toBe("sealed");
    expect(canUndo(view)).toBe(false);
  });
});

describe("a single tube in the middle of a pooled one", () => {
  const withRecall = { ...bootstrap, sampledResidentIds: ["old", "back"], recalledResidentIds: ["back"] };

  it("puts the pooled tube aside and brings it back once the single tube is full", () => {
    const view = replayScans(
      scans([
        { kind: "open_tube", barcode: "T1" },
        bind("a"),
        bind("b"),
        { kind: "open_tube", barcode: "S1", single: true },
      ]),
      setup,
      withRecall,
    );
    expect(view.current).toMatchObject({ barcode: "S1", single: true, poolSize: 1 });
    expect(view.paused).toMatchObject({ barcode: "T1", status: "open" });

    const after = replayScans(
      scans([
        { kind: "open_tube", barcode: "T1" },
        bind("a"),
        bind("b"),
        { kind: "open_tube", barcode: "S1", single: true },
        { kind: "bind", barcode: "S1", residentId: "back" },
        bind("c"),
      ]),
      setup,
      withRecall,
    );
    expect(after.current?.barcode).toBe("T1");
    expect(after.current?.binds.map((b) => b.residentId)).toEqual(["a", "b", "c"]);
    expect(after.paused).toBeUndefined();
    expect(after.tubes.find((t) => t.barcode === "S1")?.status).toBe("sealed");
    // Re-sampled in a single tube: no longer waiting for a recall, and counted as sampled.
    expect(after.recalled.has("back")).toBe(false);
    expect(after.sampled.has("back")).toBe(true);
  });

  it("keeps a recalled person on the recall list until they are in a single tube", () => {
    const view = replayScans(scans([{ kind: "open_tube", barcode: "T1" }, bind("a")]), setup, withRecall);
    expect(view.recalled.has("back")).toBe(true);
    expect(openTube(view)?.single).toBe(false);
  });
});
