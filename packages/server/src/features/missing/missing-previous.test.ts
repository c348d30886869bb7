/**
 * Guanyun's comparison: who was sampled in the previous round over the grid but not in this one
 * (and is not exempted). The previous round is the latest earlier one that is not a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import { at, campaignInput, siteInput } from "../campaigns/campaign-test-kit";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import { getMissing, postContact, residentsInWalkingOrder, viewIds } from "./missing-test-kit";

let t: TestContext;
let round: StationRound;
let worker: string;
let registrar: string;
let people: string[];

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  worker = (await t.signIn("grid_worker", round.place.a.grid.id)).cookie;
  registrar = (await t.signIn("registrar", round.place.a.subdistrict.id)).cookie;
  people = await residentsInWalkingOrder(t, round.place.a.grid.id);
});
afterAll(() => t.close());

const person = (i: number) => people[i] as string;

/** A round over the small community starting on `day`, with one point; scheduled unless a draft. */
async function otherRound(name: string, day: string, end: string, draft = false) {
  const created = await t.call("POST", "/api/campaigns", {
    cookie: round.officer,
    json: campaignInput([round.place.a.community.id], {
      name,
      startsAt: at("08:00", day),
      deadlineAt: at("08:00", end),
    }),
  });
  const { id } = await expectJson<{ id: string }>(created, 201);
  const site = await t.call("POST", `/api/campaigns/${id}/sites`, {
    cookie: round.officer,
    json: siteInput([round.place.a.community.id], {
      name: `${name}采集点`,
      windows: [{ startsAt: at("08:00", day), endsAt: at("20:00", day) }],
    }),
  });
  const siteId = (await expectJson<{ id: string }>(site, 201)).id;
  if (!draft)
    await expectJson(await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: round.officer }), 200);
  return { id, siteId };
}

async function sample(campaignId: string, siteId: string, residentIds: string[]) {
  const s = makeStation(campaignId, siteId);
  const tube = barcode();
  await postScans(t, registrar, s.stationId, [
    s.open(tube),
    ...residentIds.map((residentId) => s.bind(tube, { residentId })),
  ]);
}

describe("the previous-round comparison", () => {
  it("lists who was sampled last round but not in this one, leaving out the sampled and the exempted", async () => {
    const first = await otherRound("第一轮", "2030-05-20", "2030-05-22");
    // Neither a draft nor a later round is "the previous round".
    const draft = await otherRound("草稿轮", "2030-05-25", "2030-05-27", true);
    const later = await otherRound("第三轮", "2030-06-10", "2030-06-12");
    await sample(first.id, first.siteId, [person(0), person(1), person(2), person(3), person(4)]);
    await sample(later.id, later.siteId, [person(10)]);
    expect(draft.id).not.toBe(first.id);

    await sample(round.campaignId, round.siteA, [person(0), person(1)]);
    await postContact(t, worker, round.campaignId, person(2), { outcome: "away" });

    const list = await getMissing(t, worker, round.campaignId, { view: "previous" });
    expect(list.previousCampaign).toEqual({ id: first.id, name: "第一轮" });
    expect(list.counts).toEqual({ missing: 78, exempted: 1, previous: 2 });
    expect(list.items.map((p) => p.residentId)).toEqual([person(3), person(4)]);
    expect(list.items.every((p) => p.previousSampledAt !== null)).toBe(true);

    // Once one of them comes, they leave the comparison.
    await sample(round.campaignId, round.siteA, [person(3)]);
    expect(await viewIds(t, worker, round.campaignId, round.place.a.grid.id, "previous")).toEqual([
      person(4),
    ]);

    // The first round has nothing before it.
    const firstList = await getMissing(t, worker, first.id, { view: "previous" });
    expect(firstList.previousCampaign).toBeNull();
    expect(firstList.counts.previous).toBe(0);
    expect(firstList.items).toEqual([]);
  });
});
