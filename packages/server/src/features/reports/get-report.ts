import { childLevel, type RegionLevel } from "@shequ/core/regions";
import { composeReportEn, composeReportZh, type Report, type ReportQuery } from "@shequ/core/report-schema";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { collectReportFigures } from "./collect-figures";
import { openRoundView } from "./round-view";

/**
 * A round's report for one region of the user's area, the way a subdistrict reports upwards: the
 * paragraph (in Chinese, and in English from the same figures) and the table one level down.
 */
export async function getReport(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: ReportQuery,
  now = new Date(),
): Promise<Report> {
  const view = await openRoundView(db, user, campaignId, query.regionId);
  const figures = await collectReportFigures(db, view.campaign, view.region, now);
  const below = view.region.level === "building" ? undefined : childLevel(view.region.level as RegionLevel);
  return {
    ...figures,
    trail: view.trail,
    rowLevel: figures.rows[0]?.level ?? below ?? null,
    text: { zh: composeReportZh(figures), en: composeReportEn(figures) },
  };
}
