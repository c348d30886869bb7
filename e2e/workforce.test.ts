import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pageAs, shot } from "./support/browser";
import { scan } from "./support/demo-round";
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

describe("the workforce in a browser", () => {
  it("a citizen signs up, the secretary approves and plans them, their badge is scanned in and out, and their hours appear", async () => {
    const secretary = await pageAs(browser, server.url, "yangjiayuan");
    const me = (await (await secretary.request.get(`${server.url}/api/auth/me`)).json()) as {
      scope: { regionId: string };
    };

    // A citizen volunteers on the community's public page, on their phone, without an account.
    const citizen = await (
      await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } })
    ).newPage();
    await citizen.goto(`${server.url}/join/${me.scope.regionId}`);
    await citizen.getByTestId("join-name").fill("周志愿");
    await citizen.getByTestId("join-phone").fill("13700001111");
    await shot(citizen, "work-01-join", { fullPage: true });
    await citizen.getByTestId("join-submit").click();
    await citizen.getByTestId("join-done").waitFor();

    // The secretary finds the sign-up waiting and approves it: a badge number is issued.
    await secretary.getByTestId("nav-workers").click();
    await secretary.getByTestId("worker-approve").first().waitFor({ timeout: 20_000 });
    await shot(secretary, "work-02-pending", { fullPage: true });
    await secretary.getByTestId("worker-approve").first().click();
    const found = (await (await secretary.request.get(`${server.url}/api/workers?q=13700001111`)).json()) as {
      items: { id: string; status: string; badgeNo: string | null }[];
    };
    await expect
      .poll(async () => {
        const res = await secretary.request.get(`${server.url}/api/workers/${found.items[0]?.id}`);
        return ((await res.json()) as { status: string }).status;
      })
      .toBe("approved");
    const workerId = found.items[0]?.id ?? "";
    const badges = (await (
      await secretary.request.get(`${server.url}/api/workers/badges?ids=${workerId}`)
    ).json()) as { items: { badgeCode: string; badgeNo: string }[] };
    const badge = badges.items[0];
    expect(badge?.badgeNo).toMatch(/^B\d{5}$/);

    // Plans them: shifts generated for the point, then the first queue-order window.
    await secretary.getByTestId("nav-shifts").click();
    // The round's rest rules: 10 hours in any 24 instead of the default 12.
    await secretary.getByTestId("rules-open").click();
    const per24 = secretary.getByTestId("rules-maxHoursPer24h");
    await per24.fill("10");
    await secretary.getByTestId("rules-save").click();
    await per24.waitFor({ state: "detached" });
    const campaignId = new URL(secretary.url()).searchParams.get("campaignId");
    const rounds = (await (await secretary.request.get(`${server.url}/api/campaigns`)).json()) as {
      items: { id: string }[];
    };
    const rules = (await (
      await secretary.request.get(`${server.url}/api/shifts/rules/${campaignId ?? rounds.items[0]?.id}`)
    ).json()) as { maxHoursPer24h: number };
    expect(rules.maxHoursPer24h).toBe(10);
    await secretary.getByTestId("generate-open").click();
    await secretary.getByTestId("generate-submit").click();
    const cell = secretary.locator('[data-testid^="cell-queue-"]').first();
    await cell.waitFor({ timeout: 20_000 });
    await cell.click();
    await secretary.getByTestId(`assign-${workerId}`).click();
    await expect.poll(() => secretary.getByTestId(`remove-${workerId}`).count()).toBe(1);
    await shot(secretary, "work-03-assigned", { fullPage: true });
    await secretary.keyboard.press("Escape");

    // At the point a registrar scans the badge: arrival; a minute later, departure.
    const registrar = await pageAs(browser, server.url, "dengji");
    await registrar.getByTestId("nav-attendance").click();
    await registrar.getByTestId("attendance-input").click();
    await scan(registrar, `SQB1.${badge?.badgeCode}`);
    await expect.poll(() => registrar.getByTestId("attendance-feedback").textContent()).toContain("签到");
    await scan(registrar, badge?.badgeNo ?? "");
    await expect
      .poll(() => registrar.getByTestId("attendance-feedback").textContent())
      .toMatch(/刚刚|重复|两次/);
    await shot(registrar, "work-04-arrival", { fullPage: true });
    await registrar.waitForTimeout(61_000);
    await scan(registrar, badge?.badgeNo.toLowerCase() ?? "");
    await expect.poll(() => registrar.getByTestId("attendance-feedback").textContent()).toContain("签退");
    expect(await registrar.getByTestId("attendance-list").textContent()).toContain("周志愿");
    await shot(registrar, "work-05-departure", { fullPage: true });

    // The secretary sees the hours worked.
    await secretary.reload();
    await secretary.getByRole("tab", { name: /服务时长/ }).click();
    await expect
      .poll(() => secretary.getByTestId("hours-table").textContent(), { timeout: 20_000 })
      .toContain("周志愿");
    await shot(secretary, "work-06-hours", { fullPage: true });
  });

  it("a secretary imports a workforce list with bad rows, downloads them with reasons, and imports the fixed file", async () => {
    const secretary = await pageAs(browser, server.url, "yangjiayuan");
    await secretary.getByTestId("nav-workers").click();
    await secretary.getByTestId("workers-import").click();
    const list = [
      "姓名,手机号,来源,资质",
      "马志强,13709310001,下沉干部,驾驶员",
      "冯丽,1370931,志愿者,",
      "何军,13709310003,外星人,会飞",
    ].join("\r\n");
    await secretary.locator(".ant-modal input[type=file]").setInputFiles({
      name: "名单.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(list, "utf8"),
    });
    await secretary.getByTestId("import-preview").click();
    const summary = secretary.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("有问题 2 行");
    // The reasons in the table are in Chinese, saying what to write instead.
    await secretary.getByText("来源不认识").waitFor();
    await shot(secretary, "work-09-import-problems");

    const [download] = await Promise.all([
      secretary.waitForEvent("download"),
      secretary.getByTestId("import-download-rejected").click(),
    ]);
    expect(download.suggestedFilename()).toBe("名单-错误行.csv");
    const rows = readFileSync(await download.path(), "utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(rows[0]).toBe("姓名,手机号,来源,资质,错误原因");
    expect(rows.slice(1).map((r) => r.split(",")[0])).toEqual(["冯丽", "何军"]);

    // The good row goes in now; the two others once fixed.
    await secretary.getByTestId("import-commit").click();
    await summary.waitFor({ state: "detached" });

    // Fixed in the downloaded file itself and imported: the reason column is ignored.
    await secretary.getByTestId("workers-import").click();
    const fixed = rows.join("\r\n").replace("1370931,", "13709310002,").replace("外星人,会飞", "志愿者,");
    await secretary.locator(".ant-modal input[type=file]").setInputFiles({
      name: "名单-错误行.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(fixed, "utf8"),
    });
    await secretary.getByTestId("import-preview").click();
    await expect.poll(() => summary.textContent()).toContain("有问题 0 行");
    await secretary.getByTestId("import-commit").click();
    await expect
      .poll(async () => {
        const res = await secretary.request.get(`${server.url}/api/workers?q=1370931000`);
        return ((await res.json()) as { items: unknown[] }).items.length;
      })
      .toBe(3);
  });

  it("a check-in desk picks its point once: the device keeps it, and arrivals are recorded there", async () => {
    const secretary = await pageAs(browser, server.url, "yangjiayuan");
    const me = (await (await secretary.request.get(`${server.url}/api/auth/me`)).json()) as {
      scope: { regionId: string };
    };
    const added = await secretary.request.post(`${server.url}/api/workers`, {
      headers: { origin: server.url },
      data: { communityId: me.scope.regionId, name: "韩守门", phone: "13700002222", source: "staff" },
    });
    expect(added.status()).toBe(201);
    const person = (await added.json()) as { name: string; badgeNo: string | null };
    expect(person.badgeNo).toMatch(/^B\d{5}$/);

    const desk = await pageAs(browser, server.url, "dengji");
    await desk.getByTestId("nav-attendance").click();
    const picker = desk.getByTestId("attendance-point");
    await picker.click();
    const option = desk.locator(".ant-select-item-option").first();
    const pointName = (await option.textContent()) ?? "";
    expect(pointName).not.toBe("");
    await option.click();
    await desk.reload();
    await expect.poll(() => desk.getByTestId("attendance-point").textContent()).toContain(pointName);

    await desk.getByTestId("attendance-input").click();
    await scan(desk, person?.badgeNo ?? "");
    await expect.poll(() => desk.getByTestId("attendance-feedback").textContent()).toContain("签到");
    await expect.poll(() => desk.getByTestId("attendance-list").textContent()).toContain(person?.name ?? "");
    expect(await desk.getByTestId("attendance-list").textContent()).toContain(pointName);
    await shot(desk, "work-10-point-desk", { fullPage: true });
  });
});
