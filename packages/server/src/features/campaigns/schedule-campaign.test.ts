import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { HouseholdSlot, ScheduleResult, ScheduleView } from "./campaign-schema";
import { buildSmallCommunity, campaignInput, type SmallCommunity, siteInput, utc } from "./campaign-test-kit";

let t: TestContext;
let place: SmallCommunity;
let officer: string;
let campaignId: string;
let first: ScheduleResult;

async function createScheduledCampaign(
  siteRegionIds: string[],
  site: Record<string, unknown> = {},
  campaign: Record<string, unknown> = {},
) {
  const created = await t.call("POST", "/api/campaigns", {
    cookie: officer,
    json: campaignInput([place.a.community.id], campaign),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const added = await t.call("POST", `/api/campaigns/${id}/sites`, {
    cookie: officer,
    json: siteInput(siteRegionIds, site),
  });
  expect(added.status).toBe(201);
  const scheduled = await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer });
  expect(scheduled.status).toBe(200);
  return { id, result: (await scheduled.json()) as ScheduleResult };
}

beforeAll(async () => {
  t = await createTestContext();
  place = await buildSmallCommunity(t.db);
  officer = (await t.signIn("subdistrict_officer", place.a.subdistrict.id)).cookie;
  // One point with 2 lanes of 10 people an hour: 18 a slot after 10% headroom, 08:00–14:00.
  const made = await createScheduledCampaign([place.a.community.id]);
  campaignId = made.id;
  first = made.result;
});
afterAll(() => t.close());

describe("scheduling a community at one collection point", () => {
  it("books every walking household once, in door order, and never a slot over its capacity", async () => {
    expect(first.campaign.status).toBe("scheduled");
    expect(first).toMatchObject({ households: 41, walkers: 79, homebound: 2, onTime: true, shortPeople: 0 });
    expect(first.unassigned.total).toBe(0);
    const slots = await t.db.selectFrom("slots").selectAll().where("campaign_id", "=", campaignId).execute();
    expect(slots).toHaveLength(6);
    for (const s of slots) expect(s.booked).toBeLessThanOrEqual(s.capacity);
    expect(slots.reduce((n, s) => n + s.booked, 0)).toBe(79);

    const rows = await t.db
      .selectFrom("slot_assignments as a")
      .innerJoin("slots as s", "s.id", "a.slot_id")
      .select(["a.household_id", "s.starts_at"])
      .where("a.campaign_id", "=", campaignId)
      .execute();
    const walking = [...place.householdsA, ...place.householdsB];
    expect(rows.map((r) => r.household_id).sort()).toEqual([...walking].sort());
    // Door order: building 1 before building 2, door 101 before 120, slots never go backwards.
    const startOf = new Map(rows.map((r) => [r.household_id, new Date(r.starts_at).getTime()]));
    const starts = walking.map((id) => startOf.get(id) as number);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });

  it("shows the load per slot hour and the projected finish against the deadline", async () => {
    const [site] = first.sites;
    expect(site?.slots.map((s) => [s.startsAt, s.capacity, s.booked])).toEqual([
      [utc("08:00"), 18, 18],
      [utc("09:00"), 18, 18],
      [utc("10:00"), 18, 18],
      [utc("11:00"), 18, 18],
      [utc("12:00"), 18, 7],
      [utc("13:00"), 18, 0],
    ]);
    expect(first.finish).toBe(utc("13:00"));
    const stored = await t.call("GET", `/api/campaigns/${campaignId}`, { cookie: officer });
    const view = (await stored.json()) as ScheduleView;
    expect(view.assignedHouseholds).toBe(40);
    expect(view.sites[0]?.load.slots.map((s) => s.booked)).toEqual([18, 18, 18, 18, 7, 0]);
    expect(view.finish).toBe(utc("13:00"));
  });

  it("tells a household its concrete slot, like 12:00–13:00", async () => {
    // Building 2, door 117: the 37th household in walking order, two people, nine households a slot.
    const household = place.householdsB[16] as string;
    const res = await t.call("GET", `/api/campaigns/${campaignId}/households/${household}/slot`, {
      cookie: officer,
    });
    expect(res.status).toBe(200);
    const slot = (await res.json()) as HouseholdSlot;
    expect(slot.site?.name).toBe("杨家园小学操场");
    expect(slot.slot).toEqual({ startsAt: utc("12:00"), endsAt: utc("13:00"), people: 2 });
    expect(slot.homeRun).toBeNull();
  });

  it("sends bedridden residents to a home-sampling run, by building", async () => {
    expect(first.homeRuns).toEqual({ runs: 2, people: 2 });
    const lastOfB = place.householdsB[19] as string;
    const mixed = (await (
      await t.call("GET", `/api/campaigns/${campaignId}/households/${lastOfB}/slot`, { cookie: officer })
    ).json()) as HouseholdSlot;
    expect(mixed.slot?.people).toBe(1);
    expect(mixed.homeRun).toMatchObject({ people: 1, stop: 1 });
    const alone = (await (
      await t.call("GET", `/api/campaigns/${campaignId}/households/${place.bedriddenOnly}/slot`, {
        cookie: officer,
      })
    ).json()) as HouseholdSlot;
    expect(alone.slot).toBeNull();
    expect(alone.homeRun).toMatchObject({ people: 1 });
  });

  it("replaces the schedule on a re-run instead of adding to it", async () => {
    const again = await t.call("POST", `/api/campaigns/${campaignId}/schedule`, { cookie: officer });
    expect(again.status).toBe(200);
    const count = async (table: "slots" | "slot_assignments" | "home_runs") =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("campaign_id", "=", campaignId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count("slots"), await count("slot_assignments"), await count("home_runs")]).toEqual([
      6, 40, 2,
    ]);
    const stops = await t.db
      .selectFrom("home_run_stops as st")
      .innerJoin("home_runs as r", "r.id", "st.run_id")
      .select("st.household_id")
      .where("r.campaign_id", "=", campaignId)
      .execute();
    expect(stops).toHaveLength(2);
  });

  it("refuses at the database level to book a slot over its capacity", async () => {
    const slot = await t.db
      .selectFrom("slots")
      .select(["id", "capacity"])
      .where("campaign_id", "=", campaignId)
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .updateTable("slots")
        .set({ booked: slot.capacity + 1 })
        .where("id", "=", slot.id)
        .execute(),
    ).rejects.toThrow(/slots_booked_within_capacity/);
  });

  it("says how many people and lane-hours are missing, and who has no point", async () => {
    // The point serves building 1 only and opens two hours: 36 places for 40 walkers.
    const { result } = await createScheduledCampaign([place.a.building.id], {
      windows: [{ startsAt: utc("08:00"), endsAt: utc("10:00") }],
    });
    expect(result.onTime).toBe(false);
    expect(result.shortPeople).toBe(4);
    expect(result.shortLaneHours).toBe(1);
    expect(result.unassigned.byReason).toEqual({ no_point: 20, no_capacity: 2 });
    expect(result.unassigned.first).toHaveLength(22);
  });

  it("counts people booked after the deadline as late, with the lane-hours to catch up", async () => {
    const { result } = await createScheduledCampaign(
      [place.a.community.id],
      {},
      { deadlineAt: utc("12:00") },
    );
    expect(result.unassigned.total).toBe(0);
    expect(result).toMatchObject({ onTime: false, shortPeople: 0, latePeople: 7, shortLaneHours: 1 });
    expect(result.finish).toBe(utc("13:00"));
  });
});

describe("who may see a round's households", () => {
  it("answers 404 to a grid worker of another community and the slot to one of this grid", async () => {
    const elsewhere = await buildNeighbour(t.db, place.a, "subdistrict");
    const stranger = (await t.signIn("grid_worker", elsewhere.grid.id)).cookie;
    const household = place.householdsA[0] as string;
    const path = `/api/campaigns/${campaignId}/households/${household}/slot`;
    expect((await t.call("GET", path, { cookie: stranger })).status).toBe(404);
    const local = (await t.signIn("grid_worker", place.a.grid.id)).cookie;
    const res = await t.call("GET", path, { cookie: local });
    expect(res.status).toBe(200);
    expect(((await res.json()) as HouseholdSlot).slot?.startsAt).toBe(utc("08:00"));
  });
});
