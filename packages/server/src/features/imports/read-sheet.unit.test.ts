import { isUtf8 } from "node:buffer";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isUtf8Piecewise, openSheet, SheetFile, type SheetRow, type SheetSource } from "./read-sheet";

const dir = mkdtempSync(join(tmpdir(), "shequ-read-sheet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes cut at the given offsets. */
function cutAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    pieces.push(bytes.subarray(from, to));
    from = to;
  }
  return pieces;
}

async function rowsOf(source: SheetSource): Promise<{ encoding?: string; rows: SheetRow[] }> {
  const sheet = openSheet(source, 2 ** 31);
  const rows: SheetRow[] = [];
  for await (const batch of sheet.batches()) rows.push(...batch);
  return { encoding: sheet.encoding, rows };
}

function onDisk(name: string, bytes: Uint8Array): SheetFile {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return new SheetFile(path);
}

/** Over 2 MB of Chinese text, so multi-byte characters straddle the 1 MB pieces a file is read in. */
function bigCsv(name = "雷敏", community = "杨家园社区"): string {
  const lines = ["姓名,社区,门牌号"];
  for (let i = 0; i < 80_000; i++) lines.push(`${name}${i},${community},${i % 30}0${i % 4}`);
  return `${lines.join("\r\n")}\r\n`;
}

describe("isUtf8Piecewise", () => {
  it("judges bytes cut anywhere exactly as isUtf8 judges them whole", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => new TextEncoder().encode(s)),
      // Valid text with one byte changed: truncated and stray sequences.
      fc
        .tuple(
          fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
          fc.nat(),
          fc.integer({ min: 0, max: 255 }),
        )
        .map(([s, at, b]) => {
          const encoded = new TextEncoder().encode(s);
          encoded[at % encoded.length] = b;
          return encoded;
        }),
    );
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), (b, cuts) => {
        expect(isUtf8Piecewise(cutAt(b, cuts))).toBe(isUtf8(b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("openSheet on a file on disk", () => {
  it("reads the same rows as from the bytes, across pieces, in UTF-8 and UTF-16", async () => {
    const text = bigCsv();
    const encodings: [string, Uint8Array][] = [
      ["utf-8", new TextEncoder().encode(`\uFEFF${text}`)],
      ["utf-16le", new Uint8Array(Buffer.from(`\uFEFF${text}`, "utf16le"))],
    ];
    for (const [encoding, bytes] of encodings) {
      expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
      const fromFile = await rowsOf(onDisk(`${encoding}.csv`, bytes));
      const fromBytes = await rowsOf(bytes);
      expect(fromFile.encoding).toBe(encoding);
      expect(fromFile.rows).toHaveLength(80_001);
      expect(fromFile.rows).toEqual(fromBytes.rows);
      expect(fromFile.rows[54_321]).toEqual({ row: 54_322, cells: ["雷敏54320", "杨家园社区", "2000"] });
    }
  });

  it("reads a file as GB18030 when a byte past the first megabyte is not UTF-8, as from the bytes", async () => {
    // ASCII up to the last line, which only GBK (or GB18030) reads.
    const utf8 = new TextEncoder().encode(bigCsv("Lei Min ", "Yangjiayuan"));
    expect(utf8.length).toBeGreaterThan(2 * 1024 * 1024);
    const bytes = new Uint8Array(utf8.length + 9);
    bytes.set(utf8);
    bytes.set([0xc0, 0xd7, 0xc3, 0xf4, 0x2c, 0x31, 0x2c, 0x32, 0x0a], utf8.length); // 雷敏,1,2 in GBK
    const fromFile = await rowsOf(onDisk("gbk-tail.csv", bytes));
    expect(fromFile.encoding).toBe("gb18030");
    expect(fromFile.rows).toEqual((await rowsOf(bytes)).rows);
    expect(fromFile.rows.at(-1)?.cells).toEqual(["雷敏", "1", "2"]);
  });

  it("refuses an empty file and a binary one with the same reasons as an upload", () => {
    expect(() => openSheet(onDisk("empty.csv", new Uint8Array(0)))).toThrow(/empty/);
    expect(() => openSheet(onDisk("binary.csv", new Uint8Array([1, 2, 0, 4, 5])))).toThrow(/neither a CSV/);
  });
});
