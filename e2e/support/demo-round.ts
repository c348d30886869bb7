import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "./browser";

/** Resident QR tokens of the households served by one point, as the notices hand them out. */
export async function tokensOfPoint(
  browser: Browser,
  url: string,
  siteName: string,
  count: number,
): Promise<string[]> {
  const officer = await browser.newContext();
  try {
    const login = await officer.request.post(`${url}/api/auth/login`, {
      data: { username: "jiedao", password: DEMO_PASSWORD },
    });
    expect(login.ok()).toBe(true);
    const rounds = (await (await officer.request.get(`${url}/api/campaigns`)).json()) as {
      items: { id: string; name: string }[];
    };
    const round = rounds.items.find((r) => r.name === "第一轮全员核酸检测");
    const base = `${url}/api/campaigns/${round?.id}`;
    const buildings = (await (await officer.request.get(`${base}/buildings`)).json()) as {
      items: { buildingId: string; siteName: string | null }[];
    };
    const tokens: string[] = [];
    for (const building of buildings.items.filter((b) => b.siteName === siteName)) {
      const notices = (await (
        await officer.request.get(`${base}/buildings/${building.buildingId}/notices`)
      ).json()) as {
        items: { residents: { token: string }[] }[];
      };
      tokens.push(...notices.items.flatMap((n) => n.residents.map((r) => r.token)));
      if (tokens.length >= count) return tokens.slice(0, count);
    }
    throw new Error(`only ${tokens.length} tokens at ${siteName}`);
  } finally {
    await officer.close();
  }
}

/** Types into whatever has the focus, then Enter: what a keyboard-wedge scanner does. */
export async function scan(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}
