import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pageAs, shot } from "./support/browser";
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

const count = async (page: Page, view: string) =>
  Number((await page.getByTestId(`missing-count-${view}`).textContent()) ?? "NaN");

describe("the missing list on a grid worker's phone", () => {
  it("records a call and an 'away', moves the person to the exempted tab and the command view's count", async () => {
    const officer = await pageAs(browser, server.url, "jiedao");
    const rounds = (await (await officer.request.get(`${server.url}/api/campaigns`)).json()) as {
      items: { id: string; name: string }[];
    };
    const round = rounds.items.find((r) => r.name === "第一轮全员核酸检测");
    expect(round).toBeDefined();
    const dashboard = async () =>
      (
        (await (await officer.request.get(`${server.url}/api/campaigns/${round?.id}/dashboard`)).json()) as {
          region: { exempted: number; missing: number };
        }
      ).region;
    const before = await dashboard();

    const worker = await pageAs(browser, server.url, "wangge1", { width: 390, height: 844 });
    await worker.goto(`${server.url}/missing?campaignId=${round?.id}`);
    await worker.getByTestId("missing-person").first().waitFor({ timeout: 20_000 });
    const missing = await count(worker, "missing");
    const exempted = await count(worker, "exempted");
    expect(missing).toBeGreaterThan(0);

    // A call that reached the first person: recorded on their card, they stay on the list.
    const first = worker.getByTestId("missing-person").first();
    await first.getByTestId("missing-outcome-reached_by_phone").click();
    await expect.poll(() => first.getByTestId("missing-contact-tag").count(), { timeout: 10_000 }).toBe(1);
    expect(await count(worker, "missing")).toBe(missing);

    // The second is away: a small form, then they leave the missing list for the exempted one.
    const second = worker.getByTestId("missing-person").nth(1);
    await second.getByTestId("missing-outcome-away").click();
    await worker.getByTestId("missing-form-note").fill("在外地出差，下周回");
    await shot(worker, "missing-01-away-form");
    await worker.getByTestId("missing-form-ok").click();
    await expect.poll(() => count(worker, "exempted"), { timeout: 10_000 }).toBe(exempted + 1);
    expect(await count(worker, "missing")).toBe(missing - 1);
    await worker.getByTestId("missing-tab-exempted").click();
    await expect
      .poll(() => worker.getByTestId("missing-reason-tag").count(), { timeout: 10_000 })
      .toBe(exempted + 1);
    await shot(worker, "missing-02-exempted-tab");

    // The subdistrict's command view counts the exemption apart at once.
    const after = await dashboard();
    expect(after.exempted).toBe(before.exempted + 1);
    expect(after.missing).toBe(before.missing - 1);
  });
});
