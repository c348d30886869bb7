import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { householdScopeFilter, isUuid } from "../regions/scope";
import type { HouseholdSlot } from "./campaign-schema";
import { findVisibleCampaign, inCampaignScope, iso, listCampaignRegions } from "./queries";

/**
 * Where and when one household goes in a round (e.g. 12:00–13:00 at the school playground),
 * and its home-sampling run if some of its residents cannot come. A household outside the
 * user's scope or the round's is a 404, like one that does not exist.
 */
export async function findHouseholdSlot(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  householdId: string,
): Promise<HouseholdSlot> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const regions = await listCampaignRegions(db, campaign.id);
  const household = isUuid(householdId)
    ? await db
        .selectFrom("households as h")
        .select("h.id")
        .where("h.id", "=", householdId)
        .where(householdScopeFilter(user, "h"))
        .where(inCampaignScope(regions, "h"))
        .executeTakeFirst()
    : undefined;
  if (!household) throw new AppError("not_found", "Household not found in this round");

  const [slot, run] = await Promise.all([
    db
      .selectFrom("slot_assignments as a")
      .innerJoin("slots as s", "s.id", "a.slot_id")
      .innerJoin("sites as site", "site.id", "s.site_id")
      .select(["site.id", "site.name", "site.address", "s.starts_at", "s.ends_at", "a.people"])
      .where("a.campaign_id", "=", campaign.id)
      .where("a.household_id", "=", household.id)
      .executeTakeFirst(),
    db
      .selectFrom("home_run_stops as st")
      .innerJoin("home_runs as r", "r.id", "st.run_id")
      .select(["r.id", "r.seq", "st.seq as stop", "st.people"])
      .where("r.campaign_id", "=", campaign.id)
      .where("st.household_id", "=", household.id)
      .executeTakeFirst(),
  ]);
  return {
    householdId: household.id,
    campaignId: campaign.id,
    site: slot ? { id: slot.id, name: slot.name, address: slot.address } : null,
    slot: slot ? { startsAt: iso(slot.starts_at), endsAt: iso(slot.ends_at), people: slot.people } : null,
    homeRun: run ? { id: run.id, seq: run.seq, stop: run.stop, people: run.people } : null,
  };
}
