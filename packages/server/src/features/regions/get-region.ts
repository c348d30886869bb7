import type { RegionLevel } from "@shequ/core/regions";
import type { RegionDetail } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import {
  countActiveResidentsByRegion,
  countChildRegions,
  countHouseholdsIn,
  pathIds,
  selectRegionsByIds,
} from "./queries";
import { assertRegionInScope, isRegionInScope } from "./scope";

/**
 * One region with its breadcrumb and counts. The breadcrumb runs from the province down, so a
 * grid worker sees where their grid sits; ancestors above the scope are marked `inScope: false`
 * and answer 404 if opened.
 */
export async function getRegion(
  db: Kysely<Database>,
  user: SessionUser,
  regionId: string,
): Promise<RegionDetail> {
  const region = await assertRegionInScope(db, user, regionId);
  const ids = pathIds(region.path);
  const chain = await selectRegionsByIds(db, ids);
  const byId = new Map(chain.map((r) => [r.id, r]));
  const breadcrumb = ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [{ id: r.id, level: r.level as RegionLevel, name: r.name, inScope: isRegionInScope(user, r) }]
      : [];
  });
  const children = await countChildRegions(db, region.id);
  const households = await countHouseholdsIn(db, region);
  const residents = (await countActiveResidentsByRegion(db, [region])).get(region.id) ?? 0;
  return {
    id: region.id,
    level: region.level as RegionLevel,
    name: region.name,
    parentId: region.parent_id,
    breadcrumb,
    counts: { children, households, residents },
  };
}
