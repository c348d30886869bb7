import { lookupCode } from "@shequ/core/lookup-code";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { createTestContext, type TestContext } from "../../test/test-context";
import { loadTokenKey } from "../notices/token-key";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";

let t: TestContext;
let round: StationRound;
let people: { id: string; id_number: string; household_id: string }[];
let secret: Uint8Array;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  people = await t.db
    .selectFrom("residents")
    .select(["id", "id_number", "household_id"])
    .where("building_id", "=", round.place.a.building.id)
    .orderBy("id")
    .limit(4)
    .execute();
  secret = (await loadTokenKey(t.db, {})).secretKey;
});
afterAll(() => t.close());

type Answer = { name: string; rounds: { campaignId: string; state: string; sampledAt: string | null }[] };
const look = (idNumber: string, code: string) =>
  t.call("POST", "/api/public/result-lookup", { json: { idNumber, code } });
const stateOf = async (person: { id: string; id_number: string }) => {
  const answer = await expectJson<Answer>(await look(person.id_number, lookupCode(secret, person.id)), 200);
  return answer.rounds.find((r) => r.campaignId === round.campaignId)?.state;
};

describe("a resident looks up their own result", () => {
  it("follows a person from scheduled to sampled to a negative result, without signing in", async () => {
    const [person] = people;
    if (!person) throw new Error("no resident");
    const first = await expectJson<Answer>(await look(person.id_number, lookupCode(secret, person.id)), 200);
    expect(first.name).toMatch(/\*/);
    expect(first.rounds).toEqual([
      expect.objectContaining({ campaignId: round.campaignId, state: "not_sampled", sampledAt: null }),
    ]);

    const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    await postScans(t, registrar, s.stationId, [
      s.open(tube),
      s.bind(tube, { residentId: person.id }),
      s.seal(tube),
    ]);
    expect(await stateOf(person)).toBe("awaiting");

    const row = await t.db
      .selectFrom("tubes")
      .select("id")
      .where("barcode", "=", tube)
      .executeTakeFirstOrThrow();
    const batchId = newId();
    await t.db.insertInto("result_batches").values({ id: batchId, source: "api" }).execute();
    await t.db
      .insertInto("tube_results")
      .values({
        tube_id: row.id,
        campaign_id: round.campaignId,
        result: "negative",
        tested_at: new Date(),
        batch_id: batchId,
      })
      .execute();
    expect(await stateOf(person)).toBe("negative");
  });

  it("answers a wrong code and an unknown ID number alike, and the codes on the slips are the ones that work", async () => {
    const [, person] = people;
    if (!person) throw new Error("no resident");
    const right = lookupCode(secret, person.id);
    const wrong = right === "000000" ? "000001" : "000000";
    const a = await look(person.id_number, wrong);
    const b = await look("110101199001011237", right);
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(await a.json()).toEqual(await b.json());

    const officer = round.officer;
    const notice = await expectJson<{ residents: { residentId: string; lookupCode: string }[] }>(
      await t.call("GET", `/api/campaigns/${round.campaignId}/households/${person.household_id}/notice`, {
        cookie: officer,
      }),
      200,
    );
    expect(notice.residents.find((r) => r.residentId === person.id)?.lookupCode).toBe(right);
  });

  it("refuses a code that is not six digits with the field named", async () => {
    const res = await look("110101199001011237", "12ab");
    const body = await expectJson<{ error: { details: { issues: { field: string }[] } } }>(res, 422);
    expect(body.error.details.issues[0]?.field).toBe("code");
  });

  it("locks an ID number after five wrong codes, even for the right one, with Retry-After", async () => {
    const [, , person] = people;
    if (!person) throw new Error("no resident");
    const right = lookupCode(secret, person.id);
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0");
      expect((await look(person.id_number, wrong)).status).toBe(404);
    }
    const locked = await look(person.id_number, right);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
