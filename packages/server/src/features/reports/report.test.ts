import type { PoolHistory, Report, ReportRow } from "@shequ/core/report-schema";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../db/retry";
import { buildNeighbour } from "../../test/factories";
import { createTestContext, type TestContext } from "../../test/test-context";
import { foldExemptions } from "../command/fold-exemptions";
import { fillTube, recordResults, residentsOf } from "../recalls/recall-test-kit";
import { buildStationRound, expectJson, type StationRound } from "../station/station-test-kit";

let t: TestContext;
let round: StationRound;

/**
 * A round over two communities: three pooled tubes (one per point; the small community's came
 * back positive, the other community's invalid), one person of the positive tube re-sampled in a
 * single tube, and one resident of the other community exempted.
 */
beforeAll(async () => {
  t = await createTestContext();
  round = await buildStationRound(t);
  const registrar = (await t.signIn("registrar", round.place.a.subdistrict.id)).cookie;
  const [a, b, other] = await Promise.all([
    residentsOf(t, round.place.a.building.id),
    residentsOf(t, round.place.b.building.id),
    residentsOf(t, round.other.building.id),
  ]);
  const at = (siteId: string) => ({ campaignId: round.campaignId, siteId });
  const positive = await fillTube(t, registrar, at(round.siteA), a.slice(0, 3).map(ids));
  const negative = await fillTube(t, registrar, at(round.siteB), b.slice(0, 2).map(ids));
  const invalid = await fillTube(t, registrar, at(round.siteOther), other.slice(0, 2).map(ids));
  await recordResults(t, [
    { barcode: positive, result: "positive" },
    { barcode: negative, result: "negative" },
    { barcode: invalid, result: "invalid" },
  ]);
  await fillTube(t, registrar, at(round.siteA), [{ residentId: a[0] as string }], { single: true });
  const away = [other[4] as string];
  await inTransaction(t.db, async (trx) => {
    await trx
      .insertInto("exemptions")
      .values(away.map((id) => ({ campaign_id: round.campaignId, resident_id: id, reason: "away" })))
      .execute();
    await foldExemptions(trx, { campaignId: round.campaignId, residentIds: away, sign: 1 });
  });
});
afterAll(() => t.close());

const ids = (residentId: string) => ({ residentId });
const report = async (cookie: string, regionId?: string) => {
  const q = regionId ? `?regionId=${regionId}` : "";
  return expectJson<Report>(
    await t.call("GET", `/api/campaigns/${round.campaignId}/report${q}`, { cookie }),
    200,
  );
};

/** The figures of a community counted from the raw tables, not from rollups or the report's queries. */
async function recount(communityId: string) {
  const { rows } = await sql<Record<string, number>>`
    select
      (select count(*) from residents where community_id = ${communityId} and status = 'active') as expected,
      (select count(distinct s.resident_id) from samples s join residents r on r.id = s.resident_id
        where s.campaign_id = ${round.campaignId} and s.undone_at is null and r.community_id = ${communityId}) as sampled,
      (select count(*) from exemptions e join residents r on r.id = e.resident_id
        where e.campaign_id = ${round.campaignId} and r.community_id = ${communityId}) as exempted,
      (select count(*) from tubes t where t.campaign_id = ${round.campaignId} and t.people > 0
        and t.site_id in (select sr.site_id from site_regions sr join regions g on g.id = sr.region_id
          join regions c on c.id = ${communityId} where g.path like c.path || '%')) as tubes,
      (select count(*) from tube_results tr join tubes t on t.id = tr.tube_id
        where tr.campaign_id = ${round.campaignId} and tr.result = 'positive'
        and t.site_id in (select sr.site_id from site_regions sr join regions g on g.id = sr.region_id
          join regions c on c.id = ${communityId} where g.path like c.path || '%')) as "positiveTubes",
      (select count(distinct rc.resident_id) from recalls rc join residents r on r.id = rc.resident_id
        where rc.campaign_id = ${round.campaignId} and r.community_id = ${communityId}) as recalled,
      (select count(distinct rc.resident_id) from recalls rc join residents r on r.id = rc.resident_id
        where rc.campaign_id = ${round.campaignId} and r.community_id = ${communityId}
        and rc.status <> 'open') as resampled`.execute(t.db);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

describe("the round report", () => {
  it("gives the subdistrict's totals and a row per community that match a recount", async () => {
    const r = await report(round.officer);
    expect(r.region).toMatchObject({
      level: "subdistrict",
      expected: 86,
      sampled: 7,
      exempted: 1,
      missing: 78,
      tubes: 4,
      pooledTubes: 3,
      singleTubes: 1,
      positiveTubes: 1,
      invalidTubes: 1,
      recalled: 5,
      resampled: 1,
      recallsOpen: 5,
      recallsClosed: 0,
    });
    expect(r.rowLevel).toBe("community");
    expect(r.rows.map((row) => row.id).sort()).toEqual(
      [round.place.a.community.id, round.other.community.id].sort(),
    );
    for (const row of r.rows) {
      const pick = (x: ReportRow) => ({
        expected: x.expected,
        sampled: x.sampled,
        exempted: x.exempted,
        tubes: x.tubes,
        positiveTubes: x.positiveTubes,
        recalled: x.recalled,
        resampled: x.resampled,
      });
      expect(pick(row)).toEqual(await recount(row.id));
    }
    expect(r.shared.points).toBe(0);
    expect(r.text.zh).toContain("应检86人，已采样7人，覆盖率8.2%，豁免1人，未检78人；");
    expect(r.text.zh).toContain(
      "采样管4管（混管3管，单管1管）；阳性管1管，无效管1管，涉及复核人员5人，已复采1人，待复采4人。",
    );
    expect(r.text.en).toContain(
      "86 residents expected, 7 sampled (coverage 8.2%), 1 exempted, 78 not yet tested",
    );
  });

  it("exports the same figures as a workbook with a Chinese file name", async () => {
    const [r, res] = await Promise.all([
      report(round.officer),
      t.call("GET", `/api/campaigns/${round.campaignId}/report.xlsx`, { cookie: round.officer }),
    ]);
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition") ?? "";
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? "";
    expect(decodeURIComponent(encoded)).toMatch(
      new RegExp(`^${r.region.name}-第二轮全员核酸检测-统计报表-\\d{12}\\.xlsx$`),
    );
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["汇总", "分社区", "整点快照"]);
    const summary = workbook.getWorksheet("汇总");
    expect(summary?.getCell("A3").value).toBe(r.text.zh);
    const figure = (label: string) => {
      let value: unknown;
      summary?.eachRow((row) => {
        if (row.getCell(1).value === label) value = row.getCell(2).value;
      });
      return value;
    };
    expect([
      figure("应检人数"),
      figure("已采样人数"),
      figure("采样管"),
      figure("阳性管"),
      figure("复核人员"),
    ]).toEqual([86, 7, 4, 1, 5]);
    const table = workbook.getWorksheet("分社区");
    const rows = (table?.getSheetValues() ?? []).filter(Boolean).map((v) => (v as unknown[]).slice(1));
    expect(rows[0]?.slice(0, 3)).toEqual(["社区", "应检人数", "已采样"]);
    const a = r.rows[0] as ReportRow;
    expect(rows[1]).toEqual([
      a.name,
      a.expected,
      a.sampled,
      Math.floor(a.coverage * 1000) / 1000,
      a.exempted,
      a.missing,
      a.tubes,
      a.positiveTubes,
      a.recalled,
      a.resampled,
      a.recallsOpen,
      a.recallsClosed,
    ]);
    expect(rows.at(-1)?.slice(0, 3)).toEqual(["合计", 86, 7]);
  });

  it("shows a community's secretary their community, grid by grid, and nothing of the other", async () => {
    const secretary = (await t.signIn("community_secretary", round.place.a.community.id)).cookie;
    const r = await report(secretary);
    expect(r.region).toMatchObject({ id: round.place.a.community.id, sampled: 5, tubes: 3, recalled: 3 });
    expect(r.rowLevel).toBe("grid");
    expect(r.rows.map((row) => [row.id, row.sampled])).toEqual([[round.place.a.grid.id, 5]]);
    expect(r.text.zh).toContain(`${round.place.a.community.name}第二轮全员核酸检测`);
    const denied = await t.call(
      "GET",
      `/api/campaigns/${round.campaignId}/report?regionId=${round.other.community.id}`,
      { cookie: secretary },
    );
    expect(denied.status).toBe(404);
    const file = await t.call(
      "GET",
      `/api/campaigns/${round.campaignId}/report.xlsx?regionId=${round.other.community.id}`,
      { cookie: secretary },
    );
    expect(file.status).toBe(404);
  });

  it("tells the next round's pool-size advice the last round's share of positive pools, in the user's area only", async () => {
    const history = await expectJson<PoolHistory>(
      await t.call("GET", "/api/pool-history", { cookie: round.officer }),
      200,
    );
    // Two pooled tubes with a result (the invalid one and the single re-sample say nothing of
    // prevalence), one of them positive: 1 − 0.5^(1/10) of people, about 6.7 %.
    expect(history.lastRound).toMatchObject({
      campaignId: round.campaignId,
      poolSize: 10,
      pooledTubes: 2,
      positiveTubes: 1,
      positiveRate: 0.5,
    });
    expect(history.lastRound?.prevalence).toBeCloseTo(1 - 0.5 ** (1 / 10), 10);

    const elsewhere = await buildNeighbour(t.db, round.place.a, "district");
    const stranger = (await t.signIn("subdistrict_officer", elsewhere.subdistrict.id)).cookie;
    expect(
      await expectJson<PoolHistory>(await t.call("GET", "/api/pool-history", { cookie: stranger }), 200),
    ).toEqual({ lastRound: null });
  });
});
