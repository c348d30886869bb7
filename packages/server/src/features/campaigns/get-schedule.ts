import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import type { ScheduleView } from "./campaign-schema";
import { findVisibleCampaign, iso, listCampaignRegions, listSiteViews, presentCampaign } from "./queries";

/**
 * A round with its points and the stored load per point and slot hour, read back from the
 * database (not recomputed), so what it shows is what households were told.
 */
export async function getSchedule(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<ScheduleView> {
  requirePermission(user, "campaign.read");
  const campaign = await findVisibleCampaign(db, user, campaignId);
  const [regions, sites, slots, assigned, runs] = await Promise.all([
    listCampaignRegions(db, campaign.id),
    listSiteViews(db, campaign.id),
    db
      .selectFrom("slots")
      .select(["site_id", "starts_at", "ends_at", "capacity", "booked"])
      .where("campaign_id", "=", campaign.id)
      .orderBy("site_id")
      .orderBy("starts_at")
      .execute(),
    db
      .selectFrom("slot_assignments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", campaign.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("home_runs")
      .select((eb) => [eb.fn.countAll<number>().as("runs"), eb.fn.sum<number>("people").as("people")])
      .where("campaign_id", "=", campaign.id)
      .executeTakeFirstOrThrow(),
  ]);
  const deadline = new Date(campaign.deadline_at).getTime();
  let latest: number | undefined;
  const withLoad = sites.map((site) => {
    const own = slots.filter((s) => s.site_id === site.id);
    const used = own.filter((s) => s.booked > 0).map((s) => new Date(s.ends_at).getTime());
    const finish = used.length ? Math.max(...used) : undefined;
    const latePeople = own
      .filter((s) => new Date(s.ends_at).getTime() > deadline)
      .reduce((n, s) => n + s.booked, 0);
    if (finish !== undefined) latest = Math.max(latest ?? finish, finish);
    return {
      ...site,
      load: {
        siteId: site.id,
        name: site.name,
        capacity: own.reduce((n, s) => n + s.capacity, 0),
        booked: own.reduce((n, s) => n + s.booked, 0),
        finish: finish === undefined ? null : iso(new Date(finish)),
        onTime: latePeople === 0,
        // Only a fresh scheduling run knows who did not fit; the stored schedule holds who did.
        shortPeople: 0,
        latePeople,
        shortLaneHours: Math.ceil(latePeople / (site.perLanePerHour * (1 - Number(campaign.headroom)))),
        slots: own.map((s) => ({
          startsAt: iso(s.starts_at),
          endsAt: iso(s.ends_at),
          capacity: s.capacity,
          booked: s.booked,
        })),
      },
    };
  });
  return {
    campaign: presentCampaign(
      campaign,
      regions.map((r) => r.id),
    ),
    sites: withLoad,
    assignedHouseholds: Number(assigned.n),
    finish: latest === undefined ? null : iso(new Date(latest)),
    onTime: latest === undefined || latest <= deadline,
    homeRuns: { runs: Number(runs.runs), people: Number(runs.people ?? 0) },
  };
}
