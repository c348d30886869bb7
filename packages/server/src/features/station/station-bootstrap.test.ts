import { createHash } from "node:crypto";
import { maskName } from "@shequ/core/mask";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../test/test-context";
import type { StationBootstrap } from "./station-schema";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "./station-test-kit";

let t: TestContext;
let round: StationRound;
let registrar: string;

beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
});
afterAll(() => t.close());

const bootstrapPath = (siteId: string) =>
  `/api/station/bootstrap?campaignId=${round.campaignId}&siteId=${siteId}`;

describe("station bootstrap", () => {
  it("holds only this point's households with masked names and hashed ID numbers, never the numbers or phones", async () => {
    const [sampled] = await t.db
      .selectFrom("residents")
      .select("id")
      .where("building_id", "=", round.place.a.building.id)
      .orderBy("id")
      .limit(1)
      .execute();
    const s = makeStation(round.campaignId, round.siteA);
    const tube = barcode();
    await postScans(t, registrar, s.stationId, [s.open(tube), s.bind(tube, { residentId: sampled?.id })]);

    const body = await expectJson<StationBootstrap>(
      await t.call("GET", bootstrapPath(round.siteA), { cookie: registrar }),
      200,
    );
    expect(body.campaign).toMatchObject({ id: round.campaignId, poolSize: 10, status: "scheduled" });
    expect(body.site).toMatchObject({ id: round.siteA, name: "一号楼采集点" });
    expect(body.keys).toHaveLength(1);
    // 1号楼 doors 101–120 come to this point; 121 (bedridden only) is sampled at home.
    expect(body.households.map((h) => h.address)).toEqual(
      Array.from({ length: 20 }, (_, i) => `1号楼 1单元 ${101 + i}`),
    );
    expect(body.households[0]?.startsAt).toBeTruthy();
    expect(body.sampledResidentIds).toEqual([sampled?.id]);

    const registry = await t.db
      .selectFrom("residents")
      .select(["id", "name", "id_number", "phone", "building_id"])
      .where("community_id", "=", round.place.a.community.id)
      .execute();
    const residents = body.households.flatMap((h) => h.residents);
    expect(residents).toHaveLength(40);
    const text = JSON.stringify(body);
    for (const r of registry) {
      expect(text).not.toContain(r.id_number);
      if (r.phone) expect(text).not.toContain(r.phone);
      const listed = residents.find((x) => x.residentId === r.id);
      if (r.building_id !== round.place.a.building.id) {
        expect(listed).toBeUndefined();
        continue;
      }
      if (!listed) continue; // door 121, visited at home
      expect(listed.name).toBe(maskName(r.name));
      expect(listed.idHash).toBe(
        createHash("sha256").update(`${round.campaignId}:${r.id_number}`).digest("base64url"),
      );
    }

    const audit = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "station.bootstrap")
      .where("entity_id", "=", round.siteA)
      .execute();
    expect(audit).toEqual([{ details: { campaignId: round.campaignId, households: 20, residents: 40 } }]);
  });

  it("answers 404 for a point of another community's area, and to a registrar of another community", async () => {
    await expectJson(await t.call("GET", bootstrapPath(round.siteOther), { cookie: registrar }), 404);
    const stranger = (await t.signIn("registrar", round.other.community.id)).cookie;
    await expectJson(await t.call("GET", bootstrapPath(round.siteA), { cookie: stranger }), 404);
    const own = await expectJson<StationBootstrap>(
      await t.call("GET", bootstrapPath(round.siteOther), { cookie: stranger }),
      200,
    );
    expect(own.households).toHaveLength(5);
  });

  it("refuses roles without station.scan", async () => {
    const worker = (await t.signIn("grid_worker", round.place.a.grid.id)).cookie;
    await expectJson(await t.call("GET", bootstrapPath(round.siteA), { cookie: worker }), 403);
  });

  it("is documented in the API description", async () => {
    const res = await t.call("GET", "/api/openapi.json", { cookie: registrar });
    const doc = await expectJson<{ paths: Record<string, unknown> }>(res, 200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/station/bootstrap", "/api/station/scans", "/api/station/tubes"]),
    );
  });

  it("says when the point was closed, so the station can send newcomers elsewhere", async () => {
    const before = await expectJson<StationBootstrap>(
      await t.call("GET", bootstrapPath(round.siteB), { cookie: registrar }),
      200,
    );
    expect(before.site.closedAt).toBeNull();
    await expectJson(
      await t.call("POST", `/api/campaigns/${round.campaignId}/sites/${round.siteB}/close`, {
        cookie: round.officer,
        json: { moveTo: round.siteA },
      }),
      200,
    );
    const after = await expectJson<StationBootstrap>(
      await t.call("GET", bootstrapPath(round.siteB), { cookie: registrar }),
      200,
    );
    expect(Date.parse(after.site.closedAt ?? "")).toBeGreaterThan(0);
  });
});
