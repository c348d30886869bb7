import {
  type BoardPoint,
  loadWindow,
  type PointsBoard,
  pointLoad,
  type ReportQuery,
  sortBusiestFirst,
} from "@shequ/core/report-schema";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { selectPointsServing } from "../command/queries";
import {
  countBoxesWaiting,
  countHomeRuns,
  countTubesAtPoints,
  selectLastBuckets,
  selectRecentLoad,
} from "./queries";
import { openRoundView } from "./round-view";

/**
 * The points board: for every point serving the region, how loaded its lanes are right now, the
 * tubes and boxes waiting there and the home runs still to go, so the subdistrict can send people
 * and couriers where they are needed. Each figure is one indexed query over the round's points
 * (500 in a district), never a count over its tubes or samples.
 */
export async function getPointsBoard(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: ReportQuery,
  now = new Date(),
): Promise<PointsBoard> {
  const view = await openRoundView(db, user, campaignId, query.regionId);
  const { campaign, region } = view;
  const points = await selectPointsServing(db, campaign.id, region.path);
  const ids = points.map((p) => p.id);
  const window = loadWindow(now);
  const [load, last, tubes, boxes, runs] = await Promise.all([
    selectRecentLoad(db, campaign.id, ids, window),
    selectLastBuckets(db, campaign.id, ids),
    countTubesAtPoints(db, campaign.id, ids),
    countBoxesWaiting(db, campaign.id, ids),
    countHomeRuns(db, campaign.id, region.path, ids),
  ]);
  const count = (rows: { site_id: string; status: string; n: number }[], id: string, status: string) =>
    Number(rows.find((r) => r.site_id === id && r.status === status)?.n ?? 0);
  const board: BoardPoint[] = points.map((p) => {
    const samples = load.get(p.id) ?? 0;
    const lanes = Number(p.lanes);
    const perLanePerHour = Number(p.per_lane_per_hour);
    const run = runs.find((r) => r.site_id === p.id);
    return {
      id: p.id,
      name: p.name,
      closed: p.closed_at !== null,
      lanes,
      perLanePerHour,
      samples,
      ...pointLoad({ samples, lanes, perLanePerHour, minutes: window.minutes }),
      lastSampleAt: last.get(p.id)?.toISOString() ?? null,
      tubesOpen: count(tubes, p.id, "open"),
      tubesSealed: count(tubes, p.id, "sealed"),
      boxesPacking: count(boxes, p.id, "packing"),
      boxesSealed: count(boxes, p.id, "sealed"),
      homeRuns: Number(run?.runs ?? 0),
      homeRunsLeft: Number(run?.runs_left ?? 0),
      homePeopleLeft: Number(run?.people_left ?? 0),
    };
  });
  return {
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    region: { id: region.id, name: region.name, level: region.level },
    trail: view.trail,
    children: view.children,
    points: sortBusiestFirst(board),
    windowStart: window.start.toISOString(),
    windowMinutes: window.minutes,
    asOf: now.toISOString(),
  };
}
