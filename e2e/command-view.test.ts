import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pageAs, shot } from "./support/browser";
import { scan, tokensOfPoint } from "./support/demo-round";
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

/** A KPI's number as the screen shows it ("1,234" → 1234). */
async function kpi(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, ""));
}

/** Marks the page so a later check can tell it was never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { commandMark?: string }).commandMark = "still here";
  });
}

async function pageMark(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as { commandMark?: string }).commandMark);
}

describe("the live command view in a browser", () => {
  it("moves by exactly the people a station scans, without a reload, and goes down to a community and back", async () => {
    // The subdistrict officer starts the demo round and opens the command view on the wall screen.
    const officer = await pageAs(browser, server.url, "jiedao", { width: 1920, height: 1080 });
    const rounds = (await (await officer.request.get(`${server.url}/api/campaigns`)).json()) as {
      items: { id: string; name: string }[];
    };
    const round = rounds.items.find((r) => r.name === "第一轮全员核酸检测");
    expect(round).toBeDefined();
    const started = await officer.request.post(`${server.url}/api/campaigns/${round?.id}/status`, {
      data: { status: "running" },
    });
    expect(started.ok()).toBe(true);

    await officer.goto(`${server.url}/command`);
    await officer.getByTestId("command-sampled").waitFor({ timeout: 20_000 });
    expect(await officer.getByTestId("command-trail-current").textContent()).toBe("酒泉路街道");
    expect(await officer.getByTestId("command-round").textContent()).toContain("第一轮全员核酸检测");
    const before = {
      expected: await kpi(officer, "command-expected"),
      sampled: await kpi(officer, "command-sampled"),
      missing: await kpi(officer, "command-missing"),
    };
    expect(before.expected).toBe(3000);
    expect(before.sampled).toBe(0);
    expect(before.missing).toBe(3000);
    expect(await officer.getByTestId("command-coverage").textContent()).toBe("0.0%");
    // The round samples from tomorrow noon: nobody is late yet.
    expect(await officer.getByTestId("command-verdict").getAttribute("data-verdict")).toBe("not_started");
    expect(await officer.getByTestId("command-finish").textContent()).toBe("尚未开始");
    expect(await officer.getByTestId("command-as-of").textContent()).toMatch(/^更新于 \d\d:\d\d:\d\d$/);
    expect(await officer.getByTestId("command-expected-at").textContent()).toMatch(/^名册人数更新于 /);
    await markPage(officer);
    await shot(officer, "command-01-before-1920");

    // A registrar at 杨家园社区's point fills a tube with ten residents.
    const registrar = await pageAs(browser, server.url, "dengji");
    await registrar.goto(`${server.url}/station`);
    const download = registrar.getByTestId("station-download");
    await expect.poll(() => download.isEnabled(), { timeout: 20_000 }).toBe(true);
    await download.click();
    await registrar.getByTestId("station-input").waitFor();
    const siteName = (await registrar.getByTestId("station-site-name").textContent()) ?? "";
    expect(siteName).toMatch(/^杨家园社区/);
    const people = 10;
    const tokens = await tokensOfPoint(browser, server.url, siteName, people);
    await scan(registrar, "CMD-0001");
    for (const token of tokens) await scan(registrar, token);
    await expect
      .poll(() => registrar.getByTestId("tube-status").textContent(), { timeout: 10_000 })
      .toBe("已封管");
    await expect
      .poll(() => registrar.getByTestId("station-unsynced").getAttribute("data-count"), { timeout: 30_000 })
      .toBe("0");
    const synced = Date.now();

    // Within a few seconds, the wall screen shows exactly ten more sampled and ten fewer missing.
    await expect
      .poll(() => kpi(officer, "command-sampled"), { timeout: 10_000, interval: 250 })
      .toBe(before.sampled + people);
    expect(Date.now() - synced).toBeLessThan(10_000);
    expect(await kpi(officer, "command-missing")).toBe(before.missing - people);
    expect(await kpi(officer, "command-expected")).toBe(before.expected);
    expect(await officer.getByTestId("command-coverage").textContent()).toBe("0.3%");
    // Ten in the last hour will not reach 3,000 by the deadline: late, in red, with the rate it takes.
    expect(await officer.getByTestId("command-verdict").getAttribute("data-verdict")).toBe("late");
    expect(await officer.getByTestId("command-rate").textContent()).toBe("当前速度 10 人/小时");
    expect(await officer.getByTestId("command-needed").textContent()).toMatch(/^需每小时 \d+ 人$/);
    expect(await pageMark(officer)).toBe("still here");
    await shot(officer, "command-02-after-scans-1920");

    // Down to 杨家园社区 (a row of the table), where all ten live, then back up by the breadcrumb.
    await officer.getByTestId("command-child-row").filter({ hasText: "杨家园社区" }).click();
    await expect
      .poll(() => officer.getByTestId("command-trail-current").textContent(), { timeout: 10_000 })
      .toBe("杨家园社区");
    expect(officer.url()).toMatch(/[?&]regionId=/);
    await expect.poll(() => kpi(officer, "command-sampled"), { timeout: 10_000 }).toBe(people);
    const community = await kpi(officer, "command-expected");
    expect(community).toBeGreaterThan(people);
    expect(await kpi(officer, "command-missing")).toBe(community - people);
    expect(
      Number(await officer.getByTestId("command-points-chart").getAttribute("data-points")),
    ).toBeGreaterThan(0);
    await shot(officer, "command-03-community-1920");

    await officer.getByTestId("command-trail-link").first().click();
    await expect
      .poll(() => officer.getByTestId("command-trail-current").textContent(), { timeout: 10_000 })
      .toBe("酒泉路街道");
    expect(officer.url()).not.toMatch(/regionId=/);
    await expect
      .poll(() => kpi(officer, "command-sampled"), { timeout: 10_000 })
      .toBe(before.sampled + people);
    expect(await pageMark(officer)).toBe("still here");

    // The network drops: the figures stay, with a quiet notice of how old they are; then it recovers.
    await officer.context().setOffline(true);
    await officer.getByTestId("command-stale").waitFor({ timeout: 15_000 });
    const notice = (await officer.getByTestId("command-stale").textContent()) ?? "";
    expect(notice).toMatch(/连接中断，显示 \d\d:\d\d:\d\d 的数据/);
    expect(await kpi(officer, "command-sampled")).toBe(before.sampled + people);
    await shot(officer, "command-04-connection-lost-1920");
    await officer.context().setOffline(false);
    await officer.getByTestId("command-as-of").waitFor({ timeout: 15_000 });
    expect(await officer.getByTestId("command-stale").count()).toBe(0);
    expect(await officer.getByTestId("command-pending").count()).toBe(0); // everything folded

    // Scans reach the figures about a second after they are stored; while the fold is behind (here
    // the server's answer is held to say 12 samples have waited 15 s), the screen says so, in the
    // stale colour, and the note goes once the fold has caught up.
    await officer.route("**/dashboard*", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { asOf: string; pending: unknown };
      body.pending = { samples: 12, oldestAt: new Date(Date.parse(body.asOf) - 15_000).toISOString() };
      await route.fulfill({ response, json: body });
    });
    const pending = officer.getByTestId("command-pending");
    await pending.waitFor({ timeout: 10_000 });
    expect(await pending.textContent()).toBe("另有 12 份采样正在汇总（滞后 15 秒）");
    expect(await pending.getAttribute("class")).toContain("command-stale");
    await shot(officer, "command-04b-fold-behind-1920");
    await officer.unroute("**/dashboard*");
    await expect.poll(() => pending.count(), { timeout: 10_000 }).toBe(0);

    // The same screen in English.
    await officer.getByTestId("lang-switch").click();
    await expect
      .poll(() => officer.getByTestId("command-as-of").textContent(), { timeout: 10_000 })
      .toMatch(/^Updated /);
    await expect
      .poll(() => officer.getByTestId("command-finish").textContent(), { timeout: 10_000 })
      .toMatch(/^[A-Z][a-z]{2} \d/);
    await shot(officer, "command-05-english-1920");
    await officer.getByTestId("lang-switch").click();

    // The community's secretary, on a laptop, starts at her own community with the same ten.
    const secretary = await pageAs(browser, server.url, "yangjiayuan", { width: 1366, height: 768 });
    await secretary.goto(`${server.url}/command`);
    await secretary.getByTestId("command-sampled").waitFor({ timeout: 20_000 });
    expect(await secretary.getByTestId("command-trail-current").textContent()).toBe("杨家园社区");
    expect(await secretary.getByTestId("command-trail-link").count()).toBe(0);
    expect(await kpi(secretary, "command-sampled")).toBe(people);
    await shot(secretary, "command-06-secretary-1366");
    await secretary.getByTestId("command-order").getByText("按顺序").click();
    await expect.poll(() => secretary.url(), { timeout: 10_000 }).toMatch(/order=tree/);
    await secretary.getByTestId("command-child-row").first().click();
    await expect.poll(() => secretary.getByTestId("command-trail-link").count(), { timeout: 10_000 }).toBe(1);
    await shot(secretary, "command-07-grid-1366");
  });

  it("shows the station's tube on the points board and in the report, which downloads as XLSX and prints", async () => {
    // After the first test: 杨家园社区's point has filled and sealed a tube of ten.
    const officer = await pageAs(browser, server.url, "jiedao", { width: 1366, height: 900 });
    const rounds = (await (await officer.request.get(`${server.url}/api/campaigns`)).json()) as {
      items: { id: string; name: string }[];
    };
    const round = rounds.items.find((r) => r.name === "第一轮全员核酸检测");
    const api = async <T>(path: string) =>
      (await (await officer.request.get(`${server.url}/api/campaigns/${round?.id}${path}`)).json()) as T;

    // The points board: one card per point, the busy one showing what the server counts.
    const board = await api<{ points: { name: string; samples: number; tubesSealed: number }[] }>("/points");
    const yang = board.points.find((p) => p.name.startsWith("杨家园社区"));
    expect(yang?.tubesSealed).toBeGreaterThan(0);
    expect(yang?.samples).toBeGreaterThanOrEqual(10);
    await officer.goto(`${server.url}/points?campaignId=${round?.id}`);
    await officer.getByTestId("board-card").first().waitFor({ timeout: 20_000 });
    expect(await officer.getByTestId("board-card").count()).toBe(board.points.length);
    const card = officer.getByTestId("board-card").filter({ hasText: yang?.name ?? "" });
    expect(Number(await card.getByTestId("board-samples").textContent())).toBe(yang?.samples);
    expect(Number(await card.getByTestId("board-tubes-sealed").textContent())).toBe(yang?.tubesSealed);
    await shot(officer, "command-08-points-board-1366");

    // The report: the paragraph a subdistrict sends upwards, from the same figures as the API's.
    const report = await api<{ text: { zh: string } }>("/report");
    await officer.goto(`${server.url}/reports?campaignId=${round?.id}`);
    await officer.getByTestId("report-paragraph").waitFor({ timeout: 20_000 });
    expect(await officer.getByTestId("report-paragraph").textContent()).toBe(report.text.zh);
    expect(report.text.zh).toContain("第一轮全员核酸检测");
    await shot(officer, "command-09-report-1366", { fullPage: true });

    // Exported: a workbook named after the round, with the summary, the communities and the hours.
    const [download] = await Promise.all([
      officer.waitForEvent("download"),
      officer.getByTestId("report-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/第一轮全员核酸检测.*\.xlsx$/);
    const file = join(tmpdir(), `shequ-report-${Date.now()}.xlsx`);
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(["汇总", "分社区", "整点快照"]);
    const communities = book.getWorksheet("分社区");
    const names = communities?.getColumn(1).values.filter((v): v is string => typeof v === "string") ?? [];
    expect(names).toContain("杨家园社区");

    // Printed: the same paragraph on an A4 page with the signature line.
    await officer.getByTestId("report-print").click();
    await officer.waitForURL(/\/print\/campaigns\/.+\/report/, { timeout: 10_000 });
    await officer.getByTestId("print-button").waitFor({ timeout: 20_000 });
    await expect.poll(() => officer.getByText(report.text.zh).count(), { timeout: 10_000 }).toBe(1);
    await shot(officer, "command-10-report-print", { fullPage: true });
  });
});
