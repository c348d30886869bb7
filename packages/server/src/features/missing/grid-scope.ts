import { coverageFigures } from "@shequ/core/dashboard-schema";
import type { MissingCounts, MissingGrid } from "@shequ/core/missing-schema";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import {
  campaignVisible,
  findVisibleCampaign,
  inCampaignScope,
  listCampaignRegions,
  type ScopeRegion,
} from "../campaigns/queries";
import { ensureCoverage } from "../command/reconcile-coverage";
import { pathIds } from "../regions/queries";
import { isUuid, residentScopeFilter } from "../regions/scope";
import { countViews, selectGrid, selectGridCounts, selectPreviousCampaign } from "./queries";

// Who may look at which grid of a round: the user's area (a grid worker's grid, a secretary's
// community) intersected with the round's regions. Anything else answers 404, as if absent.

export interface Round {
  campaign: Campaign;
  regions: ScopeRegion[];
}

export interface GridRef {
  id: string;
  name: string;
  path: string;
  communityName: string;
}

/** A round the user may see, with its regions, its rollup rows made on first use. */
export async function loadRound(db: Kysely<Database>, user: SessionUser, campaignId: string): Promise<Round> {
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const regions = await listCampaignRegions(db, campaign.id);
  // A follow-up write folds into the rollups: they must exist, with expected counts, first.
  await ensureCoverage(db, campaign.id);
  return { campaign, regions };
}

/** Residents (alias `r`) the user may see that the round covers. */
export function inRoundAndScope(user: SessionUser, round: Round): Expression<SqlBool> {
  return sql<SqlBool>`(${residentScopeFilter(user, "r")} and ${inCampaignScope(round.regions, "r")})`;
}

/** The residents of one grid that the user may work in the round. */
export function inGrid(user: SessionUser, round: Round, grid: GridRef): Expression<SqlBool> {
  return sql<SqlBool>`(r.grid_id = ${grid.id} and ${inRoundAndScope(user, round)})`;
}

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/**
 * The grid to show: the one asked for if the user may see it in this round (404 otherwise), else
 * the user's own grid when their area is a grid or lies inside one, else none (pick from the list).
 */
export async function resolveGrid(
  db: Kysely<Database>,
  user: SessionUser,
  round: Round,
  gridId: string | undefined,
): Promise<GridRef | null> {
  const row = gridId
    ? isUuid(gridId)
      ? await selectGrid(db, { id: gridId })
      : undefined
    : user.scope
      ? await selectGrid(db, { idsOnPath: pathIds(user.scope.path) })
      : undefined;
  const visible = row && (!user.scope ? user.role === "admin" : overlaps(row.path, user.scope.path));
  const covered = row && round.regions.some((r) => overlaps(row.path, r.path));
  if (!row || !visible || !covered) {
    if (gridId) throw new AppError("not_found", "Grid not found in this round");
    return null;
  }
  return { id: row.id, name: row.name, path: row.path, communityName: row.community_name };
}

/** Grids of the user's area in the round with their rollup figures, for the picker. */
export async function listGrids(
  db: Kysely<Database>,
  user: SessionUser,
  round: Round,
): Promise<MissingGrid[]> {
  let visible: Expression<SqlBool>;
  if (!user.scope) visible = user.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  else {
    const path = user.scope.path;
    visible = sql<SqlBool>`(g.path like ${`${path}%`} or ${path} like g.path || '%')`;
  }
  const rows = await selectGridCounts(db, round.campaign.id, visible);
  return rows.map((r) => {
    const f = coverageFigures(r);
    return {
      id: r.id,
      name: r.name,
      communityName: r.community_name,
      expected: f.expected,
      sampled: f.sampled,
      exempted: f.exempted,
      missing: f.missing,
    };
  });
}

/** The round before this one over the grid (see selectPreviousCampaign), if the user may see it. */
export async function findPreviousRound(
  db: Kysely<Database>,
  user: SessionUser,
  round: Round,
  grid: GridRef,
): Promise<{ id: string; name: string } | null> {
  const previous = await selectPreviousCampaign(db, {
    campaignId: round.campaign.id,
    startsAt: round.campaign.starts_at,
    gridPath: grid.path,
    visible: campaignVisible(user),
  });
  return previous ?? null;
}

/** The grid's three counts, exact (counted from samples and exemptions, not rollups). */
export async function countGrid(
  db: Kysely<Database>,
  user: SessionUser,
  round: Round,
  grid: GridRef,
  previousId: string | null,
): Promise<MissingCounts> {
  return countViews(db, { campaignId: round.campaign.id, previousId, where: inGrid(user, round, grid) });
}

/** The grid a resident lives in, as a GridRef (for answering writes with the grid's counts). */
export async function gridOf(db: Kysely<Database>, gridId: string): Promise<GridRef> {
  const row = await selectGrid(db, { id: gridId });
  if (!row) throw new AppError("not_found", "Grid not found");
  return { id: row.id, name: row.name, path: row.path, communityName: row.community_name };
}
