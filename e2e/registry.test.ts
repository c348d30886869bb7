import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeCnIdNumber } from "@shequ/core/id-number";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, signIn } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ residents: 3000 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 800 } });
  return context.newPage();
}

/** Clicks the first child region on the registry page and waits for the next level. */
async function openFirstChild(page: Page): Promise<void> {
  const child = page.locator('[data-testid^="region-child-"]').first();
  await child.waitFor();
  const before = page.url();
  await child.click();
  await page.waitForURL((u) => u.toString() !== before);
}

describe("the registry in a browser", () => {
  it("a community secretary signs in and browses down to a household and its residents", async () => {
    const page = await newPage();
    await signIn(page, server.url, "yangjiayuan");
    await page.getByTestId("nav-registry").click();
    // community → grid → building → unit
    await openFirstChild(page);
    await openFirstChild(page);
    await openFirstChild(page);
    const household = page.locator('[data-testid^="household-row-"]').first();
    await household.waitFor();
    await household.click();
    await page.waitForURL(/\/households\//);
    const rows = page.getByTestId("resident-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    // ID numbers are masked in the household list.
    const text = (await rows.first().textContent()) ?? "";
    expect(text).toMatch(/\d{4}\*{10}[\dX]{4}/);
    await page.context().close();
  });

  it("an import with bad rows reports each one with its row and reason, and imports the rest", async () => {
    const page = await newPage();
    await signIn(page, server.url, "yangjiayuan");
    const good = (n: number) =>
      makeCnIdNumber({ regionCode: "620102", birthDate: `1988-05-0${n}`, sequence: 100 + n });
    const goodId = good(1);
    const badCheck = `${good(2).slice(0, 17)}${good(2).endsWith("0") ? "1" : "0"}`;
    const future = makeCnIdNumber({ regionCode: "620102", birthDate: "2099-01-01", sequence: 5 });
    const csv = [
      "姓名,证件类型,证件号码,手机号,社区,网格,楼栋,单元,门牌号,标签",
      `张三,居民身份证,${goodId},13800001111,杨家园社区,第一网格,99号楼,1单元,101,`,
      `李四,居民身份证,${badCheck},13800002222,杨家园社区,第一网格,99号楼,1单元,102,`,
      `王五,居民身份证,${future},13800003333,杨家园社区,第一网格,99号楼,1单元,103,`,
      `赵六,居民身份证,${good(3)},13800004444,不存在社区,第一网格,99号楼,1单元,104,`,
      `钱七,居民身份证,${goodId},13800005555,杨家园社区,第一网格,99号楼,1单元,105,`,
      `孙八,居民身份证,${good(4)},1380000666,杨家园社区,第一网格,99号楼,1单元,106,卧床`,
    ].join("\n");
    await page.getByTestId("nav-imports").click();
    await page.getByTestId("import-file-input").setInputFiles({
      name: "居民名单.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const errors = page.getByTestId("import-error-row");
    await errors.first().waitFor();
    expect(await errors.count()).toBe(5);
    const all = (await errors.allTextContents()).join("\n");
    expect(all).toContain("校验位");
    expect(all).toMatch(/社区/);
    expect(all).toMatch(/重复/);
    expect(all).toMatch(/11位/);
    // Row numbers are the spreadsheet's: the bad check digit is on row 3.
    expect((await errors.first().textContent()) ?? "").toContain("3");
    await page.getByTestId("import-commit").click();
    await page
      .getByText(/导入完成|已导入/)
      .first()
      .waitFor();
    await page.context().close();
  });

  it("a file over the 64 MB upload limit is refused before it is sent, pointing to shequ import", async () => {
    const page = await newPage();
    await signIn(page, server.url, "yangjiayuan");
    // A sparse file: 65 MB to the browser, nothing written.
    const dir = mkdtempSync(join(tmpdir(), "shequ-e2e-"));
    const path = join(dir, "全街道居民.csv");
    writeFileSync(path, "");
    truncateSync(path, 65 * 1024 * 1024);
    let uploads = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/api/imports")) uploads += 1;
    });
    try {
      await page.getByTestId("nav-imports").click();
      await page.getByTestId("import-file-input").setInputFiles(path);
      const error = page.getByTestId("import-error");
      await error.waitFor();
      const text = (await error.textContent()) ?? "";
      expect(text).toContain("全街道居民.csv");
      expect(text).toContain("64 MB");
      expect(text).toContain("shequ import");
      expect(uploads).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await page.context().close();
    }
  });

  it("a grid worker cannot open a resident of another grid, by any URL", async () => {
    const admin = await newPage();
    await signIn(admin, server.url, "wangge2");
    const list = (await (await admin.request.get(`${server.url}/api/residents?pageSize=1`)).json()) as {
      items: { id: string; householdId: string }[];
    };
    const other = list.items[0];
    expect(other).toBeDefined();
    await admin.context().close();

    const page = await newPage();
    await signIn(page, server.url, "wangge1");
    for (const path of [`/api/residents/${other?.id}`, `/api/households/${other?.householdId}`]) {
      const res = await page.request.get(`${server.url}${path}`);
      expect(res.status()).toBe(404);
    }
    const reveal = await page.request.post(`${server.url}/api/residents/${other?.id}/reveal`, {
      data: { fields: ["idNumber"] },
      headers: { origin: server.url },
    });
    expect(reveal.status()).toBe(404);
    await page.goto(`${server.url}/residents/${other?.id}`);
    await page
      .getByText(/不存在|无权|找不到/)
      .first()
      .waitFor();
    await page.context().close();
  });
});
