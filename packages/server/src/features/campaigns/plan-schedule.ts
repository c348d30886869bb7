import type { AllocationHousehold, AllocationPoint } from "@shequ/core/slot-allocation";
import type { ScopeHousehold, SiteRow } from "./queries";

const SPECIFIC_LEVELS = ["building", "grid", "community"] as const;

interface ServedRegion {
  site_id: string;
  region_id: string;
  level: string;
  path: string;
}

/**
 * Picks, for every household, the site that serves it: the most specific served region wins
 * (building over grid over community over anything higher); among equals, the earliest site.
 */
export function toAllocationHouseholds(
  households: readonly ScopeHousehold[],
  served: readonly ServedRegion[],
  siteOrder: readonly string[],
): AllocationHousehold[] {
  const rank = new Map(siteOrder.map((id, i) => [id, i]));
  const ordered = [...served].sort((a, b) => (rank.get(a.site_id) ?? 0) - (rank.get(b.site_id) ?? 0));
  const byRegion = new Map<string, string>();
  for (const s of ordered) if (!byRegion.has(s.region_id)) byRegion.set(s.region_id, s.site_id);
  // Regions above the community (a whole subdistrict), deepest first.
  const wide = ordered
    .filter((s) => !(SPECIFIC_LEVELS as readonly string[]).includes(s.level) && s.level !== "unit")
    .sort((a, b) => b.path.length - a.path.length);

  return households.map((h) => {
    const pointId =
      byRegion.get(h.building_id) ??
      byRegion.get(h.grid_id) ??
      byRegion.get(h.community_id) ??
      wide.find((s) => h.community_path.startsWith(s.path))?.site_id;
    return {
      id: h.id,
      buildingId: h.building_id,
      pointId,
      addressKey: h.address_key,
      walkers: h.walkers,
      homebound: h.homebound,
    };
  });
}

export function toAllocationPoints(
  sites: readonly SiteRow[],
  windows: readonly { site_id: string; starts_at: Date; ends_at: Date }[],
): AllocationPoint[] {
  return sites.map((s) => ({
    id: s.id,
    lanes: s.lanes,
    perLanePerHour: s.per_lane_per_hour,
    windows: windows
      .filter((w) => w.site_id === s.id)
      .map((w) => ({ start: new Date(w.starts_at).getTime(), end: new Date(w.ends_at).getTime() })),
  }));
}
