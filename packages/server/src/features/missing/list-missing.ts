import { MISSING_PAGE_SIZE, type MissingList, type MissingQuery } from "@shequ/core/missing-schema";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { chinaToday } from "../residents/present-resident";
import { readSearchTerm } from "../residents/search-terms";
import { countGrid, findPreviousRound, inGrid, listGrids, loadRound, resolveGrid } from "./grid-scope";
import { presentPerson } from "./present-person";
import { countPeople, selectPeople, viewFilter } from "./queries";

const NO_COUNTS = { missing: 0, exempted: 0, previous: 0 };

/**
 * One grid's missing list for the grid worker at the end of the day: who is not sampled yet (in
 * walking order, with the slot they missed and the last call), who is exempted and why, and who
 * was sampled last round but not in this one. Exact: counted from samples and exemptions, so it
 * always equals registry − sampled − exempted. Without a grid, the list of grids to pick from.
 */
export async function listMissing(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: MissingQuery,
): Promise<MissingList> {
  requirePermission(user, "missing.followup");
  const round = await loadRound(db, user, campaignId);
  const [grid, grids] = await Promise.all([
    resolveGrid(db, user, round, query.gridId),
    listGrids(db, user, round),
  ]);
  const campaign = {
    id: round.campaign.id,
    name: round.campaign.name,
    status: round.campaign.status,
    deadlineAt: new Date(round.campaign.deadline_at).toISOString(),
  };
  const page = { page: query.page, pageSize: MISSING_PAGE_SIZE };
  if (!grid) {
    const base = { campaign, previousCampaign: null, grid: null, grids, counts: NO_COUNTS };
    return { ...base, view: query.view, ...page, total: 0, items: [] };
  }

  const previous = await findPreviousRound(db, user, round, grid);
  const previousId = previous?.id ?? null;
  const where = sql<SqlBool>`(${inGrid(user, round, grid)}
    and ${viewFilter(query.view, round.campaign.id, previousId)}
    and ${searchFilter(query.q)})`;
  const [counts, total, rows] = await Promise.all([
    countGrid(db, user, round, grid, previousId),
    countPeople(db, where),
    selectPeople(db, {
      campaignId: round.campaign.id,
      previousId,
      where,
      limit: MISSING_PAGE_SIZE,
      offset: (query.page - 1) * MISSING_PAGE_SIZE,
    }),
  ]);
  const today = chinaToday();
  return {
    campaign,
    previousCampaign: previous,
    grid: { id: grid.id, name: grid.name, communityName: grid.communityName },
    grids,
    counts,
    view: query.view,
    ...page,
    total,
    items: rows.map((r) => presentPerson(r, today)),
  };
}

/**
 * The search box on residents `r`, household `h` and building `b`: the start of a name or a
 * building's name; digits are the start of a phone, an ID number or a door ("302").
 */
export function searchFilter(q: string | undefined): Expression<SqlBool> {
  const term = q ? readSearchTerm(q) : undefined;
  if (!term) return sql<SqlBool>`true`;
  if (term.kind === "name") return sql<SqlBool>`(r.name like ${term.pattern} or b.name like ${term.pattern})`;
  if (term.kind === "id_number") return sql<SqlBool>`r.id_number like ${term.pattern}`;
  return sql<SqlBool>`(r.phone like ${term.pattern} or r.id_number like ${term.pattern} or h.door like ${term.pattern})`;
}
