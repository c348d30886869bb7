import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { householdScopeFilter } from "../regions/scope";
import type { HomeRunList } from "./campaign-schema";
import { findVisibleCampaign } from "./queries";

/**
 * Home-sampling runs (入户采样) with their doors in walking order, for the teams that go up the
 * stairs; a user sees the stops in their own area only.
 */
export async function listHomeRuns(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<HomeRunList["items"]> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const rows = await db
    .selectFrom("home_runs as r")
    .innerJoin("home_run_stops as st", "st.run_id", "r.id")
    .innerJoin("households as h", "h.id", "st.household_id")
    .innerJoin("regions as b", "b.id", "r.building_id")
    .innerJoin("regions as u", "u.id", "h.unit_id")
    .select([
      "r.id",
      "r.seq",
      "r.building_id",
      "b.name as building_name",
      "r.people as run_people",
      "st.household_id",
      "st.people",
      "u.name as unit_name",
      "h.door",
    ])
    .where("r.campaign_id", "=", campaign.id)
    .where(householdScopeFilter(user, "h"))
    .orderBy("r.seq")
    .orderBy("st.seq")
    .limit(20_000)
    .execute();
  const runs = new Map<string, HomeRunList["items"][number]>();
  for (const row of rows) {
    let run = runs.get(row.id);
    if (!run) {
      run = {
        id: row.id,
        seq: row.seq,
        buildingId: row.building_id,
        buildingName: row.building_name,
        people: row.run_people,
        stops: [],
      };
      runs.set(row.id, run);
    }
    run.stops.push({
      householdId: row.household_id,
      address: `${row.unit_name} ${row.door}`,
      people: row.people,
    });
  }
  return [...runs.values()];
}
