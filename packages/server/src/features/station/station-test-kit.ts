import { expect } from "vitest";
import { newId } from "../../db/ids";
import { buildNeighbour, buildResident, nextIdNumber, type RegionChain } from "../../test/factories";
import type { TestContext } from "../../test/test-context";
import {
  buildSmallCommunity,
  campaignInput,
  type SmallCommunity,
  siteInput,
  utc,
} from "../campaigns/campaign-test-kit";
import type { ScanResult } from "./station-schema";

export interface StationRound {
  place: SmallCommunity;
  /** A second community of the same subdistrict, in the same round, with its own point. */
  other: RegionChain;
  campaignId: string;
  /** Serves 1号楼 of the small community. */
  siteA: string;
  /** Serves 2号楼 of the small community. */
  siteB: string;
  /** Serves the other community. */
  siteOther: string;
  officer: string;
}

/**
 * A round over two communities of one subdistrict, scheduled through the API, with three points:
 * 1号楼 and 2号楼 of the small community each have their own, and the other community has one.
 */
export async function buildStationRound(t: TestContext): Promise<StationRound> {
  const place = await buildSmallCommunity(t.db);
  const other = await buildNeighbour(t.db, place.a, "subdistrict", { building: "9号楼", unit: "1单元" });
  for (let door = 101; door <= 105; door++) {
    await buildResident(t.db, other, { door: String(door), idNumber: nextIdNumber() });
  }
  const officer = (await t.signIn("subdistrict_officer", place.a.subdistrict.id)).cookie;
  const created = await t.call("POST", "/api/campaigns", {
    cookie: officer,
    json: campaignInput([place.a.community.id, other.community.id]),
  });
  const { id } = await expectJson<{ id: string }>(created, 201);
  const addSite = async (name: string, regionId: string) => {
    const res = await t.call("POST", `/api/campaigns/${id}/sites`, {
      cookie: officer,
      json: siteInput([regionId], { name }),
    });
    return (await expectJson<{ id: string }>(res, 201)).id;
  };
  const siteA = await addSite("一号楼采集点", place.a.building.id);
  const siteB = await addSite("二号楼采集点", place.b.building.id);
  const siteOther = await addSite("九号楼采集点", other.community.id);
  await expectJson(await t.call("POST", `/api/campaigns/${id}/schedule`, { cookie: officer }), 200);
  return { place, other, campaignId: id, siteA, siteB, siteOther, officer };
}

/** Reads a JSON body after checking the status, so a failing call shows its error. */
export async function expectJson<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  expect({ status: res.status, body }).toMatchObject({ status });
  return body as T;
}

/** A station: its id, its seq counter, and scans for one round and point. */
export function makeStation(campaignId: string, siteId: string) {
  const stationId = newId();
  let seq = 0;
  const scan = (kind: string, fields: Record<string, unknown>) => ({
    id: newId(),
    seq: ++seq,
    at: utc("09:30"),
    campaignId,
    siteId,
    kind,
    ...fields,
  });
  return {
    stationId,
    open: (barcode: string, extra: Record<string, unknown> = {}) => scan("open_tube", { barcode, ...extra }),
    bind: (barcode: string, person: Record<string, unknown>) => scan("bind", { barcode, ...person }),
    undo: (barcode: string) => scan("unbind_last", { barcode }),
    seal: (barcode: string) => scan("seal", { barcode }),
  };
}

/** POSTs scans for a station and returns its results, checking the status. */
export async function postScans(
  t: TestContext,
  cookie: string,
  stationId: string,
  scans: unknown[],
  status = 200,
): Promise<ScanResult[]> {
  const res = await t.call("POST", "/api/station/scans", { cookie, json: { stationId, scans } });
  if (status !== 200) {
    await expectJson(res, status);
    return [];
  }
  return (await expectJson<{ results: ScanResult[] }>(res, 200)).results;
}

export const barcode = () => `TB${newId().replace(/-/g, "").slice(-12).toUpperCase()}`;
