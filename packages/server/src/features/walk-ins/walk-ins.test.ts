import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextIdNumber } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import type { WalkInDetails, WalkInList } from "./walk-ins-schema";

let t: TestContext;
let round: StationRound;
let secretary: string;
const visitor = { name: "王小明", idType: "cn_id", idNumber: nextIdNumber(), phone: "13912345678" };

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  secretary = (await t.signIn("community_secretary", round.place.a.community.id)).cookie;
  const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  const s = makeStation(round.campaignId, round.siteA);
  const tube = barcode();
  const results = await postScans(t, registrar, s.stationId, [
    s.open(tube),
    s.bind(tube, { walkIn: visitor }),
  ]);
  expect(results.map((r) => r.status)).toEqual(["applied", "applied"]);
});
afterAll(() => t.close());

const list = (cookie: string, status = "flagged") =>
  t.call("GET", `/api/campaigns/${round.campaignId}/walk-ins?status=${status}`, { cookie });

describe("walk-ins for the registry owners", () => {
  it("lists a visitor registered at the station, masked, for the point's community", async () => {
    const body = await expectJson<WalkInList>(await list(secretary), 200);
    expect(body.flagged).toBe(1);
    expect(body.items).toHaveLength(1);
    const [item] = body.items;
    expect(item?.name).toBe("王*明");
    expect(item?.idNumberMasked).not.toContain(visitor.idNumber.slice(6, 14));
    expect(item?.phoneMasked).toBe("139****5678");
    expect(JSON.stringify(body)).not.toContain(visitor.idNumber);
  });

  it("reveals one walk-in in full on purpose, and writes who saw whom", async () => {
    const [item] = (await expectJson<WalkInList>(await list(secretary), 200)).items;
    const details = await expectJson<WalkInDetails>(
      await t.call("POST", `/api/campaigns/${round.campaignId}/walk-ins/${item?.walkInId}/reveal`, {
        cookie: secretary,
      }),
      200,
    );
    expect(details).toMatchObject({ name: visitor.name, idNumber: visitor.idNumber, phone: visitor.phone });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", item?.walkInId ?? "")
      .execute();
    expect(audit.map((a) => a.action)).toContain("walk_in.reveal");
    expect(JSON.stringify(audit)).not.toContain(visitor.idNumber);
  });

  it("marks a walk-in resolved, after which it leaves the flagged list", async () => {
    const [item] = (await expectJson<WalkInList>(await list(secretary), 200)).items;
    await expectJson(
      await t.call("POST", `/api/campaigns/${round.campaignId}/walk-ins/${item?.walkInId}/resolve`, {
        cookie: secretary,
      }),
      200,
    );
    expect((await expectJson<WalkInList>(await list(secretary), 200)).items).toEqual([]);
    const resolved = await expectJson<WalkInList>(await list(secretary, "resolved"), 200);
    expect(resolved.items[0]?.resolvedAt).not.toBeNull();
  });

  it("shows nothing of another community's point, and refuses roles that cannot edit the registry", async () => {
    const other = (await t.signIn("community_secretary", round.other.community.id)).cookie;
    const body = await expectJson<WalkInList>(await list(other, "all"), 200);
    expect(body.items).toEqual([]);
    const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
    expect((await list(registrar)).status).toBe(403);
  });
});
