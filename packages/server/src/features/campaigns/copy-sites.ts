import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import type { Campaign, Database } from "../../db/schema";
import { insertWindowsAndRegions } from "./add-site";
import { listSiteRegions, listSites, listSiteWindows } from "./queries";

/**
 * Copies the open points of a past round into a new one: names, addresses, lanes, rates, zones and
 * the regions they served (those inside the new round), with every window moved by the time
 * between the two rounds' starts. The first thing a subdistrict does for round N+1.
 */
export async function copySites(
  trx: Kysely<Database>,
  from: Campaign,
  to: { id: string; startsAt: Date; scopePaths: readonly string[] },
): Promise<number> {
  const shift = to.startsAt.getTime() - new Date(from.starts_at).getTime();
  const [sites, windows, served] = await Promise.all([
    listSites(trx, from.id),
    listSiteWindows(trx, from.id),
    listSiteRegions(trx, from.id),
  ]);
  let copied = 0;
  for (const site of sites) {
    if (site.closed_at) continue;
    const regionIds = served
      .filter((r) => r.site_id === site.id && to.scopePaths.some((p) => r.path.startsWith(p)))
      .map((r) => r.region_id);
    if (regionIds.length === 0) continue;
    const id = newId();
    await trx
      .insertInto("sites")
      .values({
        id,
        campaign_id: to.id,
        name: site.name,
        address: site.address,
        lanes: site.lanes,
        per_lane_per_hour: site.per_lane_per_hour,
        zones: site.zones,
      })
      .execute();
    const moved = windows
      .filter((w) => w.site_id === site.id)
      .map((w) => ({
        startsAt: new Date(new Date(w.starts_at).getTime() + shift),
        endsAt: new Date(new Date(w.ends_at).getTime() + shift),
      }));
    await insertWindowsAndRegions(trx, id, moved, regionIds);
    copied++;
  }
  return copied;
}
