import { coverageFigures } from "@shequ/core/dashboard-schema";
import type { RecallFigures, ReportFigures, ReportRow, TubeFigures } from "@shequ/core/report-schema";
import type { Kysely } from "kysely";
import type { Campaign, Database, Region } from "../../db/schema";
import { countWalkIns, selectCoverageRows, selectPointsServing } from "../command/queries";
import { countRecallsPerChild, countTubesPerSite, type SiteTubes, selectServedPaths } from "./report-queries";

const noTubes = (): TubeFigures => ({
  tubes: 0,
  pooledTubes: 0,
  singleTubes: 0,
  positiveTubes: 0,
  invalidTubes: 0,
});
const noRecalls = (): RecallFigures => ({ recalled: 0, resampled: 0, recallsOpen: 0, recallsClosed: 0 });

function addTubes(into: TubeFigures, s: SiteTubes): void {
  into.tubes += Number(s.tubes);
  into.singleTubes += Number(s.singles);
  into.pooledTubes += Number(s.tubes) - Number(s.singles);
  into.positiveTubes += Number(s.positive);
  into.invalidTubes += Number(s.invalid);
}

/**
 * The figures of a round for one region and each region one level down. Coverage comes from the
 * rollups. Tubes are counted where they were filled: a point belongs to the row whose area holds
 * all it serves; points serving several rows (or a wider area) count in the total and in `shared`.
 * Recalls are counted where the people live. Used by the report and by the hourly snapshot.
 */
export async function collectReportFigures(
  db: Kysely<Database>,
  campaign: Campaign,
  region: Region,
  now = new Date(),
): Promise<ReportFigures> {
  const [own, children, points] = await Promise.all([
    selectCoverageRows(db, campaign.id, { regionIds: [region.id] }),
    selectCoverageRows(db, campaign.id, { parentId: region.id }),
    selectPointsServing(db, campaign.id, region.path),
  ]);
  const siteIds = points.map((p) => p.id);
  const [served, tubes, recalls, walkIns] = await Promise.all([
    selectServedPaths(db, siteIds),
    countTubesPerSite(db, campaign.id, siteIds),
    countRecallsPerChild(db, campaign.id, region),
    countWalkIns(db, campaign.id, siteIds),
  ]);

  const rowTubes = new Map(children.map((c) => [c.id, noTubes()]));
  const rowRecalls = new Map(children.map((c) => [c.id, noRecalls()]));
  const total = noTubes();
  const shared = { ...noTubes(), points: 0 };
  const pathsOf = new Map<string, string[]>();
  for (const s of served) pathsOf.set(s.site_id, [...(pathsOf.get(s.site_id) ?? []), s.path]);
  const rowOf = new Map(
    siteIds.map((id) => {
      const paths = pathsOf.get(id) ?? [];
      return [id, children.find((c) => paths.length > 0 && paths.every((p) => p.startsWith(c.path)))?.id];
    }),
  );
  const sharedSites = new Set(children.length > 0 ? siteIds.filter((id) => !rowOf.get(id)) : []);
  shared.points = sharedSites.size;
  for (const s of tubes) {
    addTubes(total, s);
    const row = rowOf.get(s.site_id);
    const into = row ? rowTubes.get(row) : undefined;
    if (into) addTubes(into, s);
    else if (sharedSites.has(s.site_id)) addTubes(shared, s);
  }

  const totalRecalls = noRecalls();
  for (const r of recalls) {
    const add = (into: RecallFigures) => {
      into.recalled += Number(r.recalled);
      into.resampled += Number(r.resampled);
      into.recallsClosed += Number(r.closed);
      into.recallsOpen += Number(r.recalled) - Number(r.closed);
    };
    add(totalRecalls);
    const into = r.child_id ? rowRecalls.get(r.child_id) : undefined;
    if (into) add(into);
  }

  const self = own[0];
  const row = (
    r: { id: string; name: string; level: string; expected: number; sampled: number; exempted: number },
    t: TubeFigures,
    rc: RecallFigures,
  ): ReportRow => ({ id: r.id, name: r.name, level: r.level, ...coverageFigures(r), ...t, ...rc });
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      startsAt: new Date(campaign.starts_at).toISOString(),
      deadlineAt: new Date(campaign.deadline_at).toISOString(),
    },
    region: row(
      self ?? { id: region.id, name: region.name, level: region.level, expected: 0, sampled: 0, exempted: 0 },
      total,
      totalRecalls,
    ),
    rows: children.map((c) => row(c, rowTubes.get(c.id) ?? noTubes(), rowRecalls.get(c.id) ?? noRecalls())),
    shared,
    points: points.length,
    openPoints: points.filter((p) => p.closed_at === null).length,
    walkIns,
    asOf: now.toISOString(),
    expectedAt: self?.expected_at ? new Date(self.expected_at).toISOString() : null,
  };
}
