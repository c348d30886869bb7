import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, shot, signIn } from "./support/browser";
import { scan, tokensOfPoint } from "./support/demo-round";
import { writeQrVideo } from "./support/fake-camera";
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

describe("the collection-point station in a browser", () => {
  it("a registrar fills and seals a tube, goes offline, reloads, and every scan reaches the database exactly once", async () => {
    const context: BrowserContext = await browser.newContext({
      locale: "zh-CN",
      viewport: { width: 1366, height: 800 },
    });
    const page = await context.newPage();
    await signIn(page, server.url, "dengji");

    // The menu leads to the station; round and point default to the registrar's own.
    await page.getByTestId("nav-station").click();
    await page.waitForURL(/\/station$/);
    const download = page.getByTestId("station-download");
    await expect.poll(() => download.isEnabled(), { timeout: 20_000 }).toBe(true);
    await shot(page, "01-setup");
    await download.click();
    const input = page.getByTestId("station-input");
    await input.waitFor();
    const siteName = (await page.getByTestId("station-site-name").textContent()) ?? "";
    expect(siteName).toMatch(/^杨家园社区/);
    await shot(page, "02-ready");
    const tokens = await tokensOfPoint(browser, server.url, siteName, 12);

    // A tube and ten residents, typed like a scanner would: the tube seals itself at 10.
    await scan(page, "YJY-0001");
    await expect.poll(() => page.getByTestId("tube-counter").textContent()).toBe("0 / 10");
    for (const [i, token] of tokens.slice(0, 10).entries()) {
      await scan(page, token);
      await expect.poll(() => page.getByTestId("tube-counter").textContent()).toBe(`${i + 1} / 10`);
      if (i === 2) await shot(page, "03-tube-3-of-10");
    }
    expect(await page.getByTestId("tube-status").textContent()).toBe("已封管");
    expect(await page.getByTestId("station-feedback").getAttribute("data-tone")).toBe("ok");
    await shot(page, "04-sealed");
    await expect.poll(() => page.getByTestId("station-unsynced").getAttribute("data-count")).toBe("0");

    // Offline: a second tube and one more person; someone from the sealed tube again is a loud
    // warning that needs a reason (cancelled here, so nothing is stored).
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId("station-connection").getAttribute("data-online")).toBe("false");
    await scan(page, "YJY-0002");
    await expect.poll(() => page.getByTestId("tube-counter").textContent()).toBe("0 / 10");
    await scan(page, tokens[10] ?? "");
    await expect.poll(() => page.getByTestId("tube-counter").textContent()).toBe("1 / 10");
    await shot(page, "05-offline");
    await scan(page, tokens[0] ?? "");
    await page.getByTestId("override-reason").waitFor();
    await shot(page, "06-already-sampled");
    await page.keyboard.press("Escape");
    await page.getByTestId("override-reason").waitFor({ state: "detached" });

    // A reload with the network still down: the station comes back exactly as it was.
    await page.reload();
    await page.getByTestId("station-input").waitFor();
    expect(await page.getByTestId("tube-barcode").textContent()).toBe("YJY-0002");
    expect(await page.getByTestId("tube-counter").textContent()).toBe("1 / 10");
    expect(await page.getByTestId("station-unsynced").getAttribute("data-count")).toBe("2");
    expect(await page.getByTestId("station-unsynced").textContent()).toContain("未同步");
    await shot(page, "07-reloaded-offline");

    // Back online: the queue drains by itself.
    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId("station-unsynced").getAttribute("data-count"), { timeout: 60_000 })
      .toBe("0");
    expect(await page.getByTestId("station-unsynced").textContent()).toContain("已全部同步");
    await shot(page, "08-all-synced");

    // A person with fever: the fever button, a new tube, the person — a tube of one, sealed at
    // once — and the pooled tube in hand comes back by itself.
    await page.getByTestId("tube-single").click();
    await page.getByTestId("single-armed").waitFor();
    await scan(page, "YJY-F001");
    await expect.poll(() => page.getByTestId("tube-counter").textContent()).toBe("0 / 1");
    expect(await page.getByTestId("tube-paused").textContent()).toContain("YJY-0002");
    await shot(page, "09-single-tube");
    await scan(page, tokens[11] ?? "");
    await expect.poll(() => page.getByTestId("tube-barcode").textContent()).toBe("YJY-0002");
    expect(await page.getByTestId("tube-counter").textContent()).toBe("1 / 10");
    expect(await page.getByTestId("station-feedback").textContent()).toMatch(
      /单管已封管。\s*请继续原来的混采管/,
    );
    await shot(page, "10-back-to-pooled");
    await expect
      .poll(() => page.getByTestId("station-unsynced").getAttribute("data-count"), { timeout: 30_000 })
      .toBe("0");

    // The database holds every scan once: 2 tubes, 11 applied binds.
    const stationId = (await page.getByTestId("station").getAttribute("data-station-id")) ?? "";
    const campaignId = (await page.getByTestId("station").getAttribute("data-campaign-id")) ?? "";
    const siteId = (await page.getByTestId("station").getAttribute("data-site-id")) ?? "";
    const scans = (await (
      await page.request.get(`${server.url}/api/station/scans?stationId=${stationId}`)
    ).json()) as {
      items: { id: string; seq: number; kind: string; status: string }[];
    };
    expect(new Set(scans.items.map((s) => s.id)).size).toBe(scans.items.length);
    expect(scans.items.filter((s) => s.kind === "open_tube" && s.status === "applied")).toHaveLength(3);
    expect(scans.items.filter((s) => s.kind === "bind" && s.status === "applied")).toHaveLength(12);
    expect(scans.items).toHaveLength(15);
    const tubes = (await (
      await page.request.get(`${server.url}/api/station/tubes?campaignId=${campaignId}&siteId=${siteId}`)
    ).json()) as { items: { barcode: string; people: number; status: string }[] };
    expect(tubes.items.map((t) => [t.barcode, t.people, t.status])).toEqual([
      ["YJY-F001", 1, "sealed"],
      ["YJY-0002", 1, "open"],
      ["YJY-0001", 10, "sealed"],
    ]);
    await context.close();
  });

  it("a registrar opens a tube with the tablet's camera instead of a handheld scanner", async () => {
    // Chromium's fake camera shows a QR code holding a tube barcode, as a real camera would.
    const video = join(mkdtempSync(join(tmpdir(), "shequ-camera-")), "tube.y4m");
    writeQrVideo(video, "CAM-0001");
    const camera = await launchBrowser([
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await camera.newContext({ locale: "zh-CN", viewport: { width: 1366, height: 800 } });
      await context.grantPermissions(["camera"], { origin: server.url });
      const page = await context.newPage();
      await signIn(page, server.url, "dengji");
      await page.goto(`${server.url}/station`);
      const download = page.getByTestId("station-download");
      const input = page.getByTestId("station-input");
      await expect
        .poll(async () => (await input.isVisible()) || (await download.isEnabled()), { timeout: 20_000 })
        .toBe(true);
      if (!(await input.isVisible())) await download.click();
      await input.waitFor();

      await page.getByTestId("camera-open").click();
      await page.getByTestId("camera-video").waitFor();
      await expect
        .poll(() => page.getByTestId("camera-last").textContent(), { timeout: 20_000 })
        .toContain("CAM-0001");
      await shot(page, "11-camera");
      await page.keyboard.press("Escape");
      await expect.poll(() => page.getByTestId("tube-barcode").textContent()).toBe("CAM-0001");
      expect(await page.getByTestId("tube-counter").textContent()).toBe("0 / 10");
      await context.close();
    } finally {
      await camera.close();
    }
  });
});
