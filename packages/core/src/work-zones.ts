/**
 * The zones of a collection point people are put on, and the qualifications a worker can hold.
 * Ids match the zones a point lists (campaigns' `DEFAULT_ZONES`); home_run is the home-sampling
 * team that leaves the point. The shift fill and the rest rules read `requires` and `gear` here.
 */

export const QUALIFICATIONS = [
  "may_swab",
  "disinfection",
  "driver",
  "counselling",
  "party_member",
  "veteran",
] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export const QUALIFICATION_LABELS: Record<Qualification, { zh: string; en: string }> = {
  may_swab: { zh: "医护采样资质", en: "May swab (medical licence)" },
  disinfection: { zh: "消杀", en: "Disinfection" },
  driver: { zh: "驾驶员", en: "Driver" },
  counselling: { zh: "心理疏导", en: "Psychological counselling" },
  party_member: { zh: "党员", en: "Party member" },
  veteran: { zh: "退役军人", en: "Veteran" },
};

export const WORK_ZONES = [
  "triage",
  "temperature",
  "registration",
  "queue",
  "sampling",
  "disinfection",
  "home_run",
] as const;
export type WorkZone = (typeof WORK_ZONES)[number];

export interface WorkZoneInfo {
  zh: string;
  en: string;
  /** Only people holding this may be put on the zone (only medics sample). */
  requires?: Qualification;
  /** Worked in full protective gear (防护服): the continuous-gear rest rule applies. */
  gear: boolean;
}

export const WORK_ZONE_INFO: Record<WorkZone, WorkZoneInfo> = {
  triage: { zh: "分诊", en: "Triage", gear: false },
  temperature: { zh: "测温", en: "Temperature check", gear: false },
  registration: { zh: "登记", en: "Registration", gear: false },
  queue: { zh: "秩序维护", en: "Queue order", gear: false },
  sampling: { zh: "采样", en: "Sampling", requires: "may_swab", gear: true },
  // Spraying disinfectant is done in a full protective suit too.
  disinfection: { zh: "消杀", en: "Disinfection", gear: true },
  home_run: { zh: "上门采样", en: "Home-sampling run", requires: "may_swab", gear: true },
};

/** Zones worked in full protective gear: the default for a round's rest rules. */
export const GEAR_ZONES: readonly WorkZone[] = WORK_ZONES.filter((z) => WORK_ZONE_INFO[z].gear);

/** The qualification a zone needs; a zone a point named itself (not in the list) needs none. */
export function findZoneRequirement(zone: string): Qualification | undefined {
  return isWorkZone(zone) ? WORK_ZONE_INFO[zone].requires : undefined;
}

export function isWorkZone(zone: string): zone is WorkZone {
  return (WORK_ZONES as readonly string[]).includes(zone);
}
