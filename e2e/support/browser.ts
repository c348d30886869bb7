import { mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, headless, with the flags this closed network needs. Never a downloaded browser. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

export const DEMO_PASSWORD = "shequ-demo-2026";

/** Signs in through the login form like a person would. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** A new browser context in Chinese, signed in as one of the demo accounts. */
export async function pageAs(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport = { width: 1366, height: 860 },
): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  return page;
}

/** A screenshot of a screen state, for a person to look at, when SHOTS_DIR names a folder. */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(400); // let dialogs and button colours finish their transitions
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: opts.fullPage ?? false });
}
