import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallCommunity, campaignInput, siteInput } from "../../features/campaigns/campaign-test-kit";
import { scheduleCampaign } from "../../features/campaigns/schedule-campaign";
import { asSessionUser } from "../../features/imports/actor";
import { createTestContext, type TestContext } from "../../test/test-context";
import { describeSchedule } from "./schedule";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("shequ schedule", () => {
  it("schedules a round as the command-line operator and says whether it finishes in time", async () => {
    const place = await buildSmallCommunity(t.db);
    const admin = await t.signIn("admin", null);
    const created = await t.call("POST", "/api/campaigns", {
      cookie: admin.cookie,
      json: campaignInput([place.a.community.id]),
    });
    const { id } = (await created.json()) as { id: string };
    const site = await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: admin.cookie,
      json: siteInput([place.a.community.id]),
    });
    expect(site.status).toBe(201);

    const operator = asSessionUser({ id: null, role: "admin", scope: null });
    const result = await scheduleCampaign(t.handle, operator, { campaignId: id });
    const text = describeSchedule(result);
    expect(text).toContain("第二轮全员核酸检测: 41 households");
    expect(text).toContain("杨家园小学操场: 79/");
    expect(text).toMatch(/before the deadline/);
    expect(text).toContain("2 home runs");
  });
});
