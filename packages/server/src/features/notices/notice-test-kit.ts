import { expect } from "vitest";
import { buildResident, nextIdNumber } from "../../test/factories";
import type { TestContext } from "../../test/test-context";
import {
  buildSmallCommunity,
  campaignInput,
  type SmallCommunity,
  siteInput,
} from "../campaigns/campaign-test-kit";

export interface ScheduledRound {
  place: SmallCommunity;
  officer: string;
  campaignId: string;
  /** 1号楼 door 122: one resident without a phone. */
  noPhone: string;
}

/**
 * The small community (41 households with two phones each but the bedridden one-person household),
 * plus a household without a phone, in a round scheduled through the API at one point.
 */
export async function scheduleRound(t: TestContext): Promise<ScheduledRound> {
  const place = await buildSmallCommunity(t.db);
  const lonely = await buildResident(t.db, place.a, { door: "122", phone: null, idNumber: nextIdNumber() });
  const officer = (await t.signIn("subdistrict_officer", place.a.subdistrict.id)).cookie;
  const created = await t.call("POST", "/api/campaigns", {
    cookie: officer,
    json: campaignInput([place.a.community.id]),
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const added = await t.call("POST", `/api/campaigns/${id}/sites`, {
    cookie: officer,
    json: siteInput([place.a.community.id], { address: "酒泉路123号" }),
  });
  expect(added.status).toBe(201);
  const scheduled = await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer });
  expect(scheduled.status).toBe(200);
  return { place, officer, campaignId: id, noPhone: lonely.household_id };
}

/** Reads a JSON body after checking the status, so a failing call shows its error. */
export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  expect({ status: res.status, body }).toMatchObject({ status });
  return body as T;
}
