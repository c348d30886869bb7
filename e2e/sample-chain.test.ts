import type { Browser } from "playwright-core";
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

describe("the sample chain in a browser", () => {
  it("a tube goes from the station into a box, to the lab, comes back positive and lands on the community's recall list", async () => {
    // The registrar fills a tube of ten at the station.
    const registrar = await pageAs(browser, server.url, "dengji");
    await registrar.goto(`${server.url}/station`);
    const download = registrar.getByTestId("station-download");
    await expect.poll(() => download.isEnabled(), { timeout: 20_000 }).toBe(true);
    await download.click();
    await registrar.getByTestId("station-input").waitFor();
    const siteName = (await registrar.getByTestId("station-site-name").textContent()) ?? "";
    const tokens = await tokensOfPoint(browser, server.url, siteName, 10);
    await scan(registrar, "CHAIN-T1");
    for (const token of tokens) await scan(registrar, token);
    await expect.poll(() => registrar.getByTestId("tube-status").textContent()).toBe("已封管");
    await expect
      .poll(() => registrar.getByTestId("station-unsynced").getAttribute("data-count"), { timeout: 30_000 })
      .toBe("0");

    // Packs it into a box at the same point, seals the box and hands it to a courier.
    await registrar.goto(`${server.url}/boxes`);
    await expect
      .poll(() => registrar.getByTestId("boxes-site").textContent(), { timeout: 20_000 })
      .toContain(siteName);
    await registrar.getByTestId("boxes-input").click();
    await scan(registrar, "CHAIN-BX1");
    await expect.poll(() => registrar.getByTestId("box-barcode").textContent()).toBe("CHAIN-BX1");
    await scan(registrar, "CHAIN-T1");
    await expect.poll(() => registrar.getByTestId("box-tube").count()).toBe(1);
    await shot(registrar, "chain-01-packed", { fullPage: true });
    await registrar.getByTestId("box-seal").click();
    await registrar.locator(".ant-popconfirm .ant-btn-primary").click();
    await registrar.getByTestId("box-hand-over").click();
    await registrar.getByTestId("handover-courier").fill("张师傅");
    await registrar.getByTestId("handover-phone").fill("13800138000");
    await registrar.getByTestId("handover-confirm").click();
    await expect.poll(() => registrar.getByTestId("box-courier").textContent()).toContain("张师傅");
    await shot(registrar, "chain-02-handed-over", { fullPage: true });

    // The lab receives the box against its manifest, then uploads a result file: positive.
    const lab = await pageAs(browser, server.url, "lab");
    await lab.goto(`${server.url}/lab`);
    await lab.getByTestId("tab-lab-receive").click();
    await lab.getByTestId("receive-input").click();
    await scan(lab, "CHAIN-BX1");
    await lab.getByTestId("receive-manifest").waitFor();
    await scan(lab, "CHAIN-T1");
    await expect.poll(() => lab.getByTestId("manifest-row-ok").count()).toBe(1);
    await lab.getByTestId("receive-confirm").click();
    await lab.locator(".ant-modal-confirm .ant-btn-primary").click();
    await lab.getByTestId("receive-result").waitFor();
    await shot(lab, "chain-03-received", { fullPage: true });

    await lab.getByTestId("tab-lab-upload").click();
    const testedAt = new Date(Date.now() - 60_000).toISOString();
    await lab.locator('input[type="file"]').setInputFiles({
      name: "results.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`管码,结果,检测时间\nCHAIN-T1,阳性,${testedAt}\n`),
    });
    await lab.getByTestId("lab-preview-title").waitFor();
    await lab.getByTestId("lab-apply").click();
    await lab.getByTestId("lab-done-title").waitFor();
    expect(await lab.getByTestId("lab-count-applied").textContent()).toContain("1");
    await shot(lab, "chain-04-applied", { fullPage: true });

    // The community secretary finds the tube's households on the recall list.
    const secretary = await pageAs(browser, server.url, "yangjiayuan");
    await secretary.getByTestId("nav-recalls").click();
    await secretary.getByTestId("recall-group").first().waitFor({ timeout: 20_000 });
    const list = (await secretary.locator("main").textContent()) ?? "";
    expect(list).toContain("CHAIN-T1");
    const counts = (await secretary.getByTestId("recall-counts").textContent()) ?? "";
    expect(counts).toMatch(/10\s*召回人数/);
    await shot(secretary, "chain-05-recalls", { fullPage: true });

    // Planning the next round, the subdistrict officer sees what this round's pools said: one
    // pooled tube with a result, positive; at that rate pooling would cost more than single tubes.
    const officer = await pageAs(browser, server.url, "jiedao");
    await officer.goto(`${server.url}/campaigns/new`);
    const lastRound = officer.getByTestId("pool-advice-last-round");
    await lastRound.waitFor({ timeout: 20_000 });
    expect(await lastRound.textContent()).toContain("第一轮全员核酸检测");
    expect(await lastRound.textContent()).toMatch(/1 个10混1管有结果，1 个阳性（100%）/);
    await officer.getByTestId("pool-advice-singles").waitFor();
    // No pool size is marked cheapest when none saves tests.
    expect(await officer.getByTestId("pool-advice").locator(".ant-tag", { hasText: "最省" }).count()).toBe(0);
    await shot(officer, "chain-06-next-round-advice", { fullPage: true });
  });
});
