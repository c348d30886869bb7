import { expect } from "vitest";
import { newId } from "../../db/ids";
import type { TestContext } from "../../test/test-context";
import {
  barcode,
  buildStationRound,
  expectJson,
  makeStation,
  postScans,
  type StationRound,
} from "../station/station-test-kit";
import type { BoxDetail, BoxList, BoxSummary } from "./box-schema";

export interface BoxRound {
  round: StationRound;
  /** A registrar of the small community (siteA and siteB serve it). */
  registrar: string;
  /** Residents per point, handed out so no two tubes bind the same person. */
  take: (siteId: string) => string;
}

/** The station round, a registrar of its small community, and its residents by point. */
export async function buildBoxRound(t: TestContext): Promise<BoxRound> {
  const round = await buildStationRound(t);
  const registrar = (await t.signIn("registrar", round.place.a.community.id)).cookie;
  const residentsOf = async (buildingId: string) =>
    (
      await t.db
        .selectFrom("residents")
        .select("id")
        .where("building_id", "=", buildingId)
        .orderBy("id")
        .execute()
    ).map((r) => r.id);
  const pools = new Map([
    [round.siteA, await residentsOf(round.place.a.building.id)],
    [round.siteB, await residentsOf(round.place.b.building.id)],
  ]);
  const take = (siteId: string) => {
    const id = pools.get(siteId)?.shift();
    if (!id) throw new Error("The test pool ran out of residents");
    return id;
  };
  return { round, registrar, take };
}

/**
 * Tubes filled through the real station API: each opened, one resident bound, and (unless
 * `open`) sealed by the button. Returns their barcodes.
 */
export async function fillTubes(
  t: TestContext,
  kit: BoxRound,
  siteId: string,
  count: number,
  opts: { open?: boolean } = {},
): Promise<string[]> {
  const s = makeStation(kit.round.campaignId, siteId);
  const tubes = Array.from({ length: count }, () => barcode());
  const scans = tubes.flatMap((tube) => [
    s.open(tube),
    s.bind(tube, { residentId: kit.take(siteId) }),
    ...(opts.open ? [] : [s.seal(tube)]),
  ]);
  const results = await postScans(t, kit.registrar, s.stationId, scans);
  expect(results.map((r) => r.status)).toEqual(scans.map(() => "applied"));
  return tubes;
}

export const boxLabel = () => `BX${newId().replace(/-/g, "").slice(-10).toUpperCase()}`;

export async function createBox(t: TestContext, kit: BoxRound, siteId: string, cookie = kit.registrar) {
  const res = await t.call("POST", "/api/boxes", {
    cookie,
    json: { campaignId: kit.round.campaignId, siteId, barcode: boxLabel() },
  });
  return expectJson<BoxSummary>(res, 201);
}

export const pack = (t: TestContext, cookie: string, boxId: string, tube: string) =>
  t.call("POST", `/api/boxes/${boxId}/tubes`, { cookie, json: { barcode: tube } });

/** Packs tubes one by one, each expected to go in. */
export async function packAll(t: TestContext, cookie: string, boxId: string, tubes: string[]) {
  for (const tube of tubes) await expectJson(await pack(t, cookie, boxId, tube), 200);
}

export async function getBoxDetail(t: TestContext, cookie: string, boxId: string) {
  return expectJson<BoxDetail>(await t.call("GET", `/api/boxes/${boxId}`, { cookie }), 200);
}

export async function listPoint(t: TestContext, kit: BoxRound, siteId: string) {
  const res = await t.call("GET", `/api/boxes?campaignId=${kit.round.campaignId}&siteId=${siteId}`, {
    cookie: kit.registrar,
  });
  return expectJson<BoxList>(res, 200);
}

/** The refusal's code, as the page switches on it, with the HTTP status. */
export async function refusal(res: Response): Promise<{ status: number; code: string | undefined }> {
  const body = (await res.json()) as { error?: { code: string; details?: { code?: string } } };
  return { status: res.status, code: body.error?.details?.code ?? body.error?.code };
}
