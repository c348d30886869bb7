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

const SLOT = /\d{2}:\d{2}–\d{2}:\d{2}/;

describe("a testing round in a browser", () => {
  it("a subdistrict officer creates a round, adds a point, schedules, prints a building sheet and looks up a household", async () => {
    const page = await newPage();
    await signIn(page, server.url, "jiedao");

    // A new round over 杨家园社区; start and deadline keep their defaults (next hour, +48 h).
    await page.getByTestId("nav-campaigns").click();
    await page.getByTestId("campaign-new").click();
    await page.getByTestId("campaign-name").fill("第二轮全员核酸检测");
    await page.getByTestId("campaign-regions").click();
    await page.locator(".ant-select-tree").getByTitle("杨家园社区").click();
    await page.keyboard.press("Escape");
    // Pool-size advice: at 3 % expected prevalence 5-in-1 is the cheapest; take it.
    await page.getByTestId("pool-advice-prevalence").fill("3");
    await expect.poll(() => page.getByTestId("pool-advice").textContent()).toMatch(/5混1\s*最省/);
    await page.getByTestId("pool-advice-use-5").click();
    await page.getByTestId("campaign-create").click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const created = (await (await page.request.get(`${server.url}/api/campaigns/${campaignId}`)).json()) as {
      campaign: { poolSize: number };
    };
    expect(created.campaign.poolSize).toBe(5);
    await expect(page.getByTestId("campaign-status").textContent()).resolves.toBe("草稿");

    // One point serving the round's community (preselected), 4 desks, open 14 hours from the start.
    await page.getByTestId("site-add").click();
    await page.getByTestId("site-name").fill("杨家园小学操场");
    await page.getByTestId("site-save").click();
    await page.getByTestId("site-row").first().getByText("杨家园社区").waitFor();

    // Scheduling answers the one question: will it finish before the deadline?
    await page.getByTestId("campaign-schedule").click();
    const alert = page.getByTestId("schedule-alert");
    await alert.waitFor();
    expect(await alert.getAttribute("data-on-time")).toBe("true");
    expect(await alert.textContent()).toMatch(/能按时完成.*预计.*全部采完/);
    await expect(page.getByTestId("campaign-status").textContent()).resolves.toBe("已排班");
    expect(await page.getByTestId("site-load").count()).toBe(1);

    // The first building's printable sheet lists door 101 with its time, and no names.
    await page.getByTestId("tab-buildings").click();
    await page.getByTestId("building-row").first().waitFor();
    const sheetPath = (await page.getByTestId("building-sheet-link").first().getAttribute("href")) ?? "";
    expect(sheetPath).toMatch(/^\/print\/campaigns\/.+\/buildings\/.+\/sheet$/);
    await page.goto(`${server.url}${sheetPath}`);
    const sheet = page.getByTestId("building-sheet");
    await sheet.waitFor();
    const door101 = page
      .getByTestId("sheet-row")
      .filter({ has: page.locator("td.door", { hasText: /^101$/ }) })
      .first();
    const rowText = (await door101.textContent()) ?? "";
    expect(rowText).toMatch(SLOT);
    const time101 = SLOT.exec(rowText)?.[0] ?? "";
    // Nothing but the sheet in print preview: the toolbar hides.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("print-button").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });

    // Door 101's household: its page shows the slot, and the round's lookup gives the same time.
    const buildingId = sheetPath.split("/")[5] ?? "";
    const sheetData = (await (
      await page.request.get(`${server.url}/api/campaigns/${campaignId}/buildings/${buildingId}/sheet`)
    ).json()) as { rows: { householdId: string; door: string }[] };
    const household = sheetData.rows.find((r) => r.door === "101");
    expect(household).toBeDefined();
    await page.goto(`${server.url}/households/${household?.householdId}`);
    const card = page.getByTestId("household-slot");
    await card.waitFor();
    expect(await card.textContent()).toContain(time101);
    await card.getByRole("link").click();
    await page.waitForURL(/tab=lookup/);
    const time = page.getByTestId("lookup-time");
    await time.waitFor();
    expect(await time.textContent()).toContain(time101);
    expect(await page.getByTestId("lookup-result").textContent()).toContain("杨家园小学操场");
    await page.context().close();
  });

  it("in the running demo round, closing a point moves its people not yet sampled and asks to tell them again", async () => {
    const page = await newPage();
    await signIn(page, server.url, "jiedao");
    const rounds = (await (await page.request.get(`${server.url}/api/campaigns`)).json()) as {
      items: { id: string; name: string }[];
    };
    const demo = rounds.items.find((r) => r.name === "第一轮全员核酸检测");
    expect(demo).toBeDefined();
    await page.goto(`${server.url}/campaigns/${demo?.id}?tab=sites`);

    // 开始采样, confirmed.
    await page.getByTestId("campaign-start").click();
    await page.locator(".ant-popconfirm-buttons .ant-btn-primary").click();
    await expect.poll(() => page.getByTestId("campaign-status").textContent()).toBe("采样中");

    // Close 杨家园社区1号采样点; the neighbouring 畅家巷社区1号采样点 takes over its grids (at 3,000 demo residents, one point per community).
    await page
      .getByTestId("site-row")
      .filter({ hasText: "杨家园社区1号采样点" })
      .getByTestId("site-close")
      .click();
    await page.getByTestId("site-move-to").click();
    await page.locator(".ant-select-item-option", { hasText: "畅家巷社区1号采样点" }).click();
    await page.getByTestId("site-close-ok").click();
    await page
      .getByTestId("site-row")
      .filter({ hasText: "杨家园社区1号采样点" })
      .getByText("已关闭")
      .waitFor();

    // 重新排班: only the closed point's households move, and the page says who must be told again.
    await page.getByTestId("campaign-schedule").click();
    const confirm = page.locator(".ant-popconfirm-buttons .ant-btn-primary");
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    const moved = page.getByTestId("schedule-moved");
    await moved.waitFor();
    const count = Number(/调整了 (\d+) 户/.exec((await moved.textContent()) ?? "")?.[1]);
    expect(count).toBeGreaterThan(0);
    await page.getByTestId("schedule-moved-notify").click();
    await page.waitForURL(/tab=notices/);
    await expect
      .poll(async () => (await page.getByTestId("notice-summary").textContent()) ?? "")
      .toContain("待通知");
    await page.context().close();
  });
});
