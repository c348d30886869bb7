import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { createTestContext, type TestContext } from "../../test/test-context";
import { countBrokenReferences } from "./broken-references";
import { barcode, buildStationRound, makeStation, postScans, type StationRound } from "./station-test-kit";

let t: TestContext;
let round: StationRound;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
});
afterAll(() => t.close());

const NONE = {
  "samples.campaign_id": 0,
  "samples.site_id": 0,
  "samples.registrar_id": 0,
  "samples.household_id": 0,
  "samples.resident_id": 0,
  "samples.tube_id": 0,
  "tubes.campaign_id": 0,
  "tubes.site_id": 0,
  "tubes.opened_by": 0,
};

describe("the references of the station's hot path (no foreign keys since migration 0013)", () => {
  it("all hold after a station's scans, and a sample pointing at no one is found", async () => {
    const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
    const people = await t.db
      .selectFrom("residents")
      .select("id")
      .where("building_id", "=", round.place.b.building.id)
      .limit(2)
      .execute();
    const s = makeStation(round.campaignId, round.siteB);
    const tube = barcode();
    const results = await postScans(t, registrar, s.stationId, [
      s.open(tube),
      ...people.map((p) => s.bind(tube, { residentId: p.id })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
    expect(await countBrokenReferences(t.db, round.campaignId)).toEqual(NONE);

    // What the foreign keys refused before: a sample of a resident and tube that do not exist.
    const sample = await t.db
      .selectFrom("samples")
      .selectAll()
      .where("campaign_id", "=", round.campaignId)
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("samples")
      .values({
        ...sample,
        id: newId(),
        scan_id: null,
        tube_position: 1,
        resident_id: newId(),
        tube_id: newId(),
      })
      .execute();
    expect(await countBrokenReferences(t.db, round.campaignId)).toEqual({
      ...NONE,
      "samples.resident_id": 1,
      "samples.tube_id": 1,
    });
  });
});
