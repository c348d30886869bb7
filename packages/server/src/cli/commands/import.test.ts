import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  HEADER,
  residentsWith,
  row,
  toCsv,
  withWrongCheckDigit,
} from "../../features/imports/import-test-helpers";
import { buildRegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { importFile, parseImportArgs } from "./import";

let t: TestContext;
const dir = mkdtempSync(join(tmpdir(), "shequ-cli-import-"));

beforeAll(async () => {
  t = await createTestContext();
  await buildRegionChain(t.db, { names: { community: "杨家园社区", grid: "第一网格" } });
  // The command prints its report; the test reads the database and the files it leaves.
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe("shequ import <file>", () => {
  it("imports the valid rows of a file on disk and writes the rejected ones beside it to fix", async () => {
    const good = [row({ 门牌号: "301" }), row({ 门牌号: "302", 姓名: "张伟" })];
    const bad = row({ 门牌号: "303" });
    bad[2] = withWrongCheckDigit(bad[2] as string);
    const file = join(dir, "杨家园.csv");
    writeFileSync(file, `\uFEFF${toCsv([HEADER, good[0] as string[], bad, good[1] as string[]])}\r\n`);

    await importFile(t.handle, parseImportArgs([file]) as NonNullable<ReturnType<typeof parseImportArgs>>);

    const imported = await residentsWith(
      t.db,
      good.map((r) => r[2] as string),
    );
    expect(imported.map((r) => r.name).sort()).toEqual(["张伟", "雷敏"]);
    expect(await residentsWith(t.db, [bad[2] as string])).toHaveLength(0);
    const rejected = readFileSync(join(dir, "杨家园.rejected.csv"), "utf8").replace(/^\uFEFF/, "");
    const lines = rejected.trim().split(/\r?\n/);
    expect(lines[0]).toBe([...HEADER, "错误原因"].join(","));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(bad[2]);
    expect(lines[1]).toMatch(/校验/);
  });

  it("with --dry-run reads the whole file and imports nothing", async () => {
    const file = join(dir, "dry.csv");
    const person = row({ 门牌号: "401" });
    writeFileSync(file, toCsv([HEADER, person]));
    await importFile(
      t.handle,
      parseImportArgs([file, "--dry-run"]) as NonNullable<ReturnType<typeof parseImportArgs>>,
    );
    expect(await residentsWith(t.db, [person[2] as string])).toHaveLength(0);
  });
});
