import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { buildNeighbour } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import type {
  CampaignSummary,
  HomeRunList,
  HouseholdSlot,
  ScheduleResult,
  ScheduleView,
} from "./campaign-schema";
import {
  at,
  buildSmallCommunity,
  campaignInput,
  type SmallCommunity,
  siteInput,
  utc,
} from "./campaign-test-kit";

let t: TestContext;
let place: SmallCommunity;
let officer: string;
let campaignId: string;
let siteA: string;
let siteB: string;

const post = async (path: string, json?: unknown) => t.call("POST", path, { cookie: officer, json });
const slotOf = async (household: string) =>
  (await (
    await t.call("GET", `/api/campaigns/${campaignId}/households/${household}/slot`, { cookie: officer })
  ).json()) as HouseholdSlot;
const revisions = async () =>
  new Map(
    (
      await t.db
        .selectFrom("slot_assignments")
        .select(["household_id", "revision"])
        .where("campaign_id", "=", campaignId)
        .execute()
    ).map((r) => [r.household_id, r.revision]),
  );
const schedule = async () => {
  const res = await post(`/api/campaigns/${campaignId}/schedule`);
  expect(res.status).toBe(200);
  return (await res.json()) as ScheduleResult;
};

async function sample(household: string) {
  const residents = await t.db
    .selectFrom("residents")
    .select("id")
    .where("household_id", "=", household)
    .execute();
  await t.db
    .insertInto("samples")
    .values(
      residents.map((r) => ({
        id: newId(),
        campaign_id: campaignId,
        resident_id: r.id,
        household_id: household,
        site_id: siteA,
        sampled_at: new Date(),
      })),
    )
    .execute();
}

beforeAll(async () => {
  t = await createTestContext();
  place = await buildSmallCommunity(t.db);
  officer = (await t.signIn("subdistrict_officer", place.a.subdistrict.id)).cookie;
  campaignId = (
    (await (await post("/api/campaigns", campaignInput([place.a.community.id]))).json()) as { id: string }
  ).id;
  // Two points, 2 lanes × 10 an hour = 18 places a slot after headroom, 08:00–14:00.
  siteA = (
    (await (await post(`/api/campaigns/${campaignId}/sites`, siteInput([place.a.building.id]))).json()) as {
      id: string;
    }
  ).id;
  siteB = (
    (await (
      await post(`/api/campaigns/${campaignId}/sites`, siteInput([place.b.building.id], { name: "社区广场" }))
    ).json()) as { id: string }
  ).id;
  await schedule();
});
afterAll(() => t.close());

describe("the life of a round", () => {
  it("lists rounds newest first with their points and households, and only in the user's area", async () => {
    const res = await t.call("GET", "/api/campaigns", { cookie: officer });
    const { items } = (await res.json()) as { items: CampaignSummary[] };
    expect(items[0]).toMatchObject({ id: campaignId, status: "scheduled", sites: 2, households: 40 });
    const elsewhere = await buildNeighbour(t.db, place.a, "district");
    const stranger = (await t.signIn("grid_worker", elsewhere.grid.id)).cookie;
    const theirs = (await (await t.call("GET", "/api/campaigns", { cookie: stranger })).json()) as {
      items: unknown[];
    };
    expect(theirs.items).toEqual([]);
  });

  it("moves draft → scheduled → running → closed only in that order", async () => {
    const draft = (
      (await (await post("/api/campaigns", campaignInput([place.a.community.id]))).json()) as {
        id: string;
      }
    ).id;
    const early = await post(`/api/campaigns/${draft}/status`, { status: "running" });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(
      /schedule it first/,
    );
    const started = await post(`/api/campaigns/${campaignId}/status`, { status: "running" });
    expect(started.status).toBe(200);
    expect(((await started.json()) as { status: string }).status).toBe("running");
    expect((await post(`/api/campaigns/${campaignId}/status`, { status: "scheduled" })).status).toBe(409);
  });

  it("lists home runs with their doors in walking order", async () => {
    const res = await t.call("GET", `/api/campaigns/${campaignId}/home-runs`, { cookie: officer });
    const { items } = (await res.json()) as HomeRunList;
    expect(items.map((r) => [r.buildingName, r.stops.map((s) => s.address)])).toEqual([
      ["1号楼", ["1单元 121"]],
      ["2号楼", ["1单元 120"]],
    ]);
  });
});

describe("re-scheduling a running round", () => {
  it("when a point closes, moves only its people not yet sampled to the point taking over, and tells them again", async () => {
    const before = await slotOf(place.householdsA[0] as string);
    await sample(place.householdsA[0] as string);
    const closed = await post(`/api/campaigns/${campaignId}/sites/${siteA}/close`, { moveTo: siteB });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { closedAt: string | null }).closedAt).not.toBeNull();

    const result = await schedule();
    expect(result).toMatchObject({ mode: "partial", moved: 19 });
    expect(result.unassigned.total).toBe(0);
    // The sampled household keeps its slot at the closed point, as the record of where it was seen.
    expect(await slotOf(place.householdsA[0] as string)).toMatchObject({
      site: { id: siteA },
      slot: before.slot,
    });
    // 2号楼 keeps 08:00–10:xx; 1号楼 queues behind it at 社区广场 from 10:00 in door order.
    const moved = await slotOf(place.householdsA[1] as string);
    expect(moved.site?.name).toBe("社区广场");
    expect(moved.slot?.startsAt).toBe(utc("10:00"));
    expect((await slotOf(place.householdsB[0] as string)).slot?.startsAt).toBe(utc("08:00"));
    const rev = await revisions();
    expect(rev.get(place.householdsA[1] as string)).toBe(2);
    expect(rev.get(place.householdsA[0] as string)).toBe(1);
    expect(rev.get(place.householdsB[0] as string)).toBe(1);
    const slots = await t.db.selectFrom("slots").selectAll().where("campaign_id", "=", campaignId).execute();
    for (const s of slots) expect(s.booked).toBeLessThanOrEqual(s.capacity);
    expect(slots.reduce((n, s) => n + s.booked, 0)).toBe(79);
  });

  it("when lanes drop, keeps the first doors of each hour, moves the rest and says what is missing", async () => {
    const res = await t.call("PATCH", `/api/campaigns/${campaignId}/sites/${siteB}`, {
      cookie: officer,
      json: { lanes: 1 },
    });
    expect(res.status).toBe(200);
    const result = await schedule();
    // 9 places an hour for 6 hours = 54 for the 77 people not yet sampled (79 less household 101);
    // two-person households never split, so a slot often holds 8.
    const slots = await t.db
      .selectFrom("slots")
      .selectAll()
      .where("site_id", "=", siteB)
      .orderBy("starts_at")
      .execute();
    const booked = slots.reduce((n, s) => n + s.booked, 0);
    expect(slots.every((s) => s.capacity === 9 && s.booked >= 8 && s.booked <= 9)).toBe(true);
    expect(result).toMatchObject({ mode: "partial", onTime: false, shortPeople: 77 - booked });
    expect(result.shortLaneHours).toBe(Math.ceil((77 - booked) / 9));
    expect(result.unassigned.byReason).toEqual({ no_capacity: expect.any(Number) });
    // The first doors of 2号楼 keep 08:00.
    expect((await slotOf(place.householdsB[0] as string)).slot?.startsAt).toBe(utc("08:00"));
  });

  it("a household placed again after losing its slot counts as news after what it was last told", async () => {
    const assigned = await revisions();
    const lost = [...place.householdsA, ...place.householdsB].find((h) => !assigned.has(h)) as string;
    expect(lost).toBeDefined();
    // It had been told about its first slot (revision 1) before the lanes dropped.
    await t.db
      .insertInto("notice_states")
      .values({ campaign_id: campaignId, household_id: lost, revision: 1, status: "sent" })
      .execute();
    await t.call("PATCH", `/api/campaigns/${campaignId}/sites/${siteB}`, {
      cookie: officer,
      json: { lanes: 2 },
    });
    const result = await schedule();
    expect(result.unassigned.total).toBe(0);
    expect((await revisions()).get(lost)).toBe(2);
  });

  it("two re-schedules at once queue on the round and never overbook", async () => {
    await t.call("PATCH", `/api/campaigns/${campaignId}/sites/${siteB}`, {
      cookie: officer,
      json: { lanes: 2 },
    });
    const [one, two] = await Promise.all([
      post(`/api/campaigns/${campaignId}/schedule`),
      post(`/api/campaigns/${campaignId}/schedule`),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const assigned = await t.db
      .selectFrom("slot_assignments")
      .select("household_id")
      .where("campaign_id", "=", campaignId)
      .execute();
    expect(new Set(assigned.map((a) => a.household_id)).size).toBe(assigned.length);
    expect(assigned).toHaveLength(40);
    const slots = await t.db.selectFrom("slots").selectAll().where("campaign_id", "=", campaignId).execute();
    for (const s of slots) expect(s.booked).toBeLessThanOrEqual(s.capacity);
  });
});

describe("the next round", () => {
  it("copies the open points of the last round, with windows moved to the new start", async () => {
    const res = await post(
      "/api/campaigns",
      campaignInput([place.a.community.id], {
        name: "第三轮",
        startsAt: at("08:00", "2030-06-08"),
        deadlineAt: at("08:00", "2030-06-10"),
        copySitesFrom: campaignId,
      }),
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const view = (await (
      await t.call("GET", `/api/campaigns/${id}`, { cookie: officer })
    ).json()) as ScheduleView;
    expect(view.sites.map((s) => [s.name, s.lanes, s.windows, s.regionIds.length, s.closedAt])).toEqual([
      [
        "社区广场",
        2,
        [{ startsAt: utc("08:00", "2030-06-08"), endsAt: utc("14:00", "2030-06-08") }],
        2,
        null,
      ],
    ]);
  });

  it("refuses to change the points of a closed round", async () => {
    expect((await post(`/api/campaigns/${campaignId}/status`, { status: "closed" })).status).toBe(200);
    const res = await t.call("PATCH", `/api/campaigns/${campaignId}/sites/${siteB}`, {
      cookie: officer,
      json: { lanes: 3 },
    });
    expect(res.status).toBe(409);
  });
});
