import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNeighbour, buildRegionChain, buildResident, type RegionChain } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { at, campaignInput, siteInput } from "./campaign-test-kit";

let t: TestContext;
let chain: RegionChain;
let officer: string;

beforeAll(async () => {
  t = await createTestContext();
  chain = await buildRegionChain(t.db);
  for (const door of ["101", "102", "103"]) await buildResident(t.db, chain, { door });
  officer = (await t.signIn("subdistrict_officer", chain.subdistrict.id)).cookie;
});
afterAll(() => t.close());

async function newCampaign(regionIds = [chain.community.id]): Promise<string> {
  const res = await t.call("POST", "/api/campaigns", { cookie: officer, json: campaignInput(regionIds) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function stored(campaignId: string) {
  const count = async (table: "sites" | "slots" | "slot_assignments" | "home_runs") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("campaign_id", "=", campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const { status } = await t.db
    .selectFrom("campaigns")
    .select("status")
    .where("id", "=", campaignId)
    .executeTakeFirstOrThrow();
  return {
    status,
    sites: await count("sites"),
    slots: await count("slots"),
    assigned: await count("slot_assignments"),
  };
}

async function expectInvalid(res: Response, field: string) {
  expect(res.status).toBe(422);
  const body = (await res.json()) as { error: { code: string; details: { issues: { field: string }[] } } };
  expect(body.error.code).toBe("validation");
  expect(body.error.details.issues.map((i) => i.field)).toContain(field);
}

describe("bad input gets a clear 422 and writes nothing", () => {
  it("refuses a round whose deadline has passed or comes before its start", async () => {
    const before = Number(
      (
        await t.db
          .selectFrom("campaigns")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const past = campaignInput([chain.community.id], {
      startsAt: at("08:00", "2020-01-01"),
      deadlineAt: at("08:00", "2020-01-03"),
    });
    await expectInvalid(
      await t.call("POST", "/api/campaigns", { cookie: officer, json: past }),
      "deadlineAt",
    );
    const backwards = campaignInput([chain.community.id], { deadlineAt: at("07:00") });
    await expectInvalid(
      await t.call("POST", "/api/campaigns", { cookie: officer, json: backwards }),
      "deadlineAt",
    );
    const after = Number(
      (
        await t.db
          .selectFrom("campaigns")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it("refuses a point with zero lanes or a window that ends before it starts", async () => {
    const id = await newCampaign();
    const noLanes = siteInput([chain.community.id], { lanes: 0 });
    await expectInvalid(
      await t.call("POST", `/api/campaigns/${id}/sites`, { cookie: officer, json: noLanes }),
      "lanes",
    );
    const backwards = siteInput([chain.community.id], {
      windows: [{ startsAt: at("14:00"), endsAt: at("08:00") }],
    });
    await expectInvalid(
      await t.call("POST", `/api/campaigns/${id}/sites`, { cookie: officer, json: backwards }),
      "windows.0.endsAt",
    );
    expect(await stored(id)).toMatchObject({ sites: 0 });
  });

  it("refuses to schedule a round with no collection points", async () => {
    const id = await newCampaign();
    await expectInvalid(await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer }), "sites");
    expect(await stored(id)).toEqual({ status: "draft", sites: 0, slots: 0, assigned: 0 });
  });

  it("refuses to schedule a scope where nobody lives", async () => {
    const empty = await buildNeighbour(t.db, chain, "subdistrict");
    const id = await newCampaign([empty.community.id]);
    const site = siteInput([empty.community.id]);
    expect((await t.call("POST", `/api/campaigns/${id}/sites`, { cookie: officer, json: site })).status).toBe(
      201,
    );
    await expectInvalid(
      await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer }),
      "regionIds",
    );
    expect(await stored(id)).toEqual({ status: "draft", sites: 1, slots: 0, assigned: 0 });
  });

  it("refuses to schedule once the deadline has passed", async () => {
    const id = await newCampaign();
    await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: officer,
      json: siteInput([chain.community.id]),
    });
    await t.db
      .updateTable("campaigns")
      .set({ starts_at: new Date("2020-01-01T00:00:00Z"), deadline_at: new Date("2020-01-03T00:00:00Z") })
      .where("id", "=", id)
      .execute();
    await expectInvalid(
      await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer }),
      "deadlineAt",
    );
    expect(await stored(id)).toMatchObject({ status: "draft", slots: 0 });
  });
});

describe("rounds in progress and permissions", () => {
  it("refuses with 409 to re-schedule a closed round and keeps its schedule", async () => {
    const id = await newCampaign();
    await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: officer,
      json: siteInput([chain.community.id]),
    });
    expect((await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer })).status).toBe(200);
    for (const status of ["running", "closed"]) {
      expect(
        (await t.call("POST", `/api/campaigns/${id}/status`, { cookie: officer, json: { status } })).status,
      ).toBe(200);
    }
    const res = await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/closed/);
    expect(await stored(id)).toMatchObject({ status: "closed", assigned: 3 });
  });

  it("lets a community secretary add points in their community only, and a grid worker only read", async () => {
    const id = await newCampaign([chain.subdistrict.id]);
    const secretary = (await t.signIn("community_secretary", chain.community.id)).cookie;
    const own = await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: secretary,
      json: siteInput([chain.community.id]),
    });
    expect(own.status).toBe(201);
    const other = await buildNeighbour(t.db, chain, "subdistrict");
    const foreign = await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: secretary,
      json: siteInput([other.community.id]),
    });
    expect(foreign.status).toBe(404);
    expect((await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: secretary })).status).toBe(403);
    const worker = (await t.signIn("grid_worker", chain.grid.id)).cookie;
    expect((await t.call("GET", `/api/campaigns/${id}`, { cookie: worker })).status).toBe(200);
    const create = await t.call("POST", "/api/campaigns", {
      cookie: worker,
      json: campaignInput([chain.grid.id]),
    });
    expect(create.status).toBe(403);
  });

  it("refuses regions outside the officer's scope as unknown", async () => {
    const elsewhere = await buildRegionChain(t.db);
    const res = await t.call("POST", "/api/campaigns", {
      cookie: officer,
      json: campaignInput([elsewhere.community.id]),
    });
    expect(res.status).toBe(404);
  });
});

describe("the API description", () => {
  it("documents the campaign routes", async () => {
    const res = await t.call("GET", "/api/openapi.json", { cookie: officer });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/campaigns/{id}/schedule",
        "/api/campaigns/{id}/households/{householdId}/slot",
      ]),
    );
  });
});
