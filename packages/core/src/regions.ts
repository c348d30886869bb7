/** Levels of the address tree, from the top down. Households hang below units. */
export const REGION_LEVELS = [
  "province",
  "city",
  "district",
  "subdistrict",
  "community",
  "grid",
  "building",
  "unit",
] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, { zh: string; en: string }> = {
  province: { zh: "省", en: "Province" },
  city: { zh: "市", en: "City" },
  district: { zh: "区", en: "District" },
  subdistrict: { zh: "街道", en: "Subdistrict" },
  community: { zh: "社区", en: "Community" },
  grid: { zh: "网格", en: "Grid" },
  building: { zh: "楼栋", en: "Building" },
  unit: { zh: "单元", en: "Unit" },
};

/** The level directly below, or undefined for units (whose children are households). */
export function childLevel(level: RegionLevel): RegionLevel | undefined {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1];
}

/** Depth of a level: province 0 … unit 7. */
export function levelDepth(level: RegionLevel): number {
  return REGION_LEVELS.indexOf(level);
}
