import type { Allocation } from "@shequ/core/slot-allocation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import { buildSmallCommunity, campaignInput, type SmallCommunity, siteInput } from "./campaign-test-kit";
import { replaceSchedule } from "./store-schedule";

let t: TestContext;
let place: SmallCommunity;
let campaignId: string;
let siteId: string;

const NOON = Date.UTC(2030, 5, 1, 4);
const HOUR = 3_600_000;

function plan(households: string[]): Allocation {
  return {
    slots: [{ pointId: siteId, start: NOON, end: NOON + HOUR, capacity: 100, booked: households.length * 2 }],
    assignments: households.map((householdId) => ({
      householdId,
      pointId: siteId,
      start: NOON,
      end: NOON + HOUR,
      people: 2,
    })),
    homeRuns: [],
    unassigned: [],
    points: [],
    finish: NOON + HOUR,
  };
}

const foreignKeys = async () =>
  (
    await t.handle.bulk((raw) =>
      raw.query<{ name: string }>(
        "select conname as name from pg_constraint where conrelid = 'slot_assignments'::regclass and contype = 'f' order by conname",
      ),
    )
  ).map((r) => r.name);

beforeAll(async () => {
  t = await createTestContext();
  place = await buildSmallCommunity(t.db);
  const officer = (await t.signIn("subdistrict_officer", place.a.subdistrict.id)).cookie;
  campaignId = (
    (await (
      await t.call("POST", "/api/campaigns", { cookie: officer, json: campaignInput([place.a.community.id]) })
    ).json()) as {
      id: string;
    }
  ).id;
  siteId = (
    (await (
      await t.call("POST", `/api/campaigns/${campaignId}/sites`, {
        cookie: officer,
        json: siteInput([place.a.community.id]),
      })
    ).json()) as { id: string }
  ).id;
});
afterAll(() => t.close());

describe("storing a large plan with its keys checked once at the end", () => {
  it("stores every assignment and puts both foreign keys back", async () => {
    const keys = await foreignKeys();
    expect(keys).toEqual(["slot_assignments_household_id_fkey", "slot_assignments_slot_fkey"]);
    await t.handle.bulk((raw) =>
      replaceSchedule(raw, campaignId, plan(place.householdsA), { mayDeferKeys: true, deferKeysFrom: 1 }),
    );
    expect(await foreignKeys()).toEqual(keys);
    const stored = await t.db
      .selectFrom("slot_assignments")
      .select("household_id")
      .where("campaign_id", "=", campaignId)
      .execute();
    expect(stored).toHaveLength(20);
  });

  it("still refuses a household that does not exist, and keeps the previous plan", async () => {
    const bogus = [...place.householdsB, "01a22222-2222-7222-8222-222222222222"];
    await expect(
      t.handle.bulk((raw) =>
        replaceSchedule(raw, campaignId, plan(bogus), { mayDeferKeys: true, deferKeysFrom: 1 }),
      ),
    ).rejects.toThrow(/slot_assignments_household_id_fkey/);
    const stored = await t.db
      .selectFrom("slot_assignments")
      .select("household_id")
      .where("campaign_id", "=", campaignId)
      .execute();
    expect(stored.map((s) => s.household_id).sort()).toEqual([...place.householdsA].sort());
    expect(await foreignKeys()).toHaveLength(2);
  });
});
