/**
 * Roles and what each may do. The server checks these on every request; the web only uses
 * them to hide buttons a user could not press anyway.
 */
export const ROLES = [
  "admin",
  "subdistrict_officer",
  "community_secretary",
  "grid_worker",
  "registrar",
  "medic",
  "lab",
  "warehouse_keeper",
  "volunteer",
  "org_member",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: "系统管理员", en: "Administrator" },
  subdistrict_officer: { zh: "街道干部", en: "Subdistrict officer" },
  community_secretary: { zh: "社区书记", en: "Community secretary" },
  grid_worker: { zh: "网格员", en: "Grid worker" },
  registrar: { zh: "登记员", en: "Registrar" },
  medic: { zh: "采样医务人员", en: "Medic" },
  lab: { zh: "检测机构", en: "Lab staff" },
  warehouse_keeper: { zh: "物资管理员", en: "Warehouse keeper" },
  volunteer: { zh: "志愿者", en: "Volunteer" },
  org_member: { zh: "社会组织成员", en: "Social-organisation member" },
};

export const PERMISSIONS = [
  "resident.read",
  "resident.write",
  /** See an ID number or phone unmasked, one resident at a time; always audited. */
  "resident.reveal",
  "resident.import",
  "resident.export",
  /** Export files with unmasked ID numbers and phones; audited. */
  "resident.export_unmasked",
  "region.write",
  "user.manage",
  "audit.read",
  /** Create testing rounds (campaigns) and schedule them. */
  "campaign.manage",
  /** Add collection points (sites) to a round, within one's own area. */
  "campaign.site",
  /** See rounds, their schedule and a household's slot, within one's own area. */
  "campaign.read",
  /** Send a round's notices (SMS runs, printed slips with resident codes) and tick households notified or unreachable. */
  "campaign.notify",
  /** Work a collection-point station: open and seal tubes, bind residents to them (issue 4). */
  "station.scan",
  /** Pack sealed tubes into transport boxes, seal them and hand them to a courier (chain of custody). */
  "sample.transport",
  /** Receive boxes at the lab and record tube results (file upload); manage lab API tokens. */
  "lab.results",
  /** See and work the recall list of positive/invalid pooled tubes, and a resident's round status. */
  "recall.manage",
  /** Keep the workforce register, approve sign-ups, issue badges, plan shifts, message workers (issue 6). */
  "workforce.manage",
  /** Scan badges at a point: arrivals and departures. */
  "workforce.checkin",
  /** Work the missing list (漏检) of a round: record calls, exempt residents with a reason (issue 5). */
  "missing.followup",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const RESIDENT_OFFICE: Permission[] = [
  "resident.read",
  "resident.write",
  "resident.reveal",
  "resident.import",
  "resident.export",
  "resident.export_unmasked",
  "region.write",
];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  subdistrict_officer: [
    ...RESIDENT_OFFICE,
    "audit.read",
    "campaign.manage",
    "campaign.site",
    "campaign.read",
    "campaign.notify",
    "recall.manage",
    "workforce.manage",
    "workforce.checkin",
    "missing.followup",
  ],
  community_secretary: [
    ...RESIDENT_OFFICE,
    "campaign.site",
    "campaign.read",
    "campaign.notify",
    "station.scan",
    "sample.transport",
    "recall.manage",
    "workforce.manage",
    "workforce.checkin",
    "missing.followup",
  ],
  grid_worker: [
    "resident.read",
    "resident.write",
    "resident.reveal",
    "resident.export",
    "campaign.read",
    "campaign.notify",
    "recall.manage",
    "missing.followup",
  ],
  registrar: [
    "resident.read",
    "resident.reveal",
    "campaign.read",
    "station.scan",
    "sample.transport",
    "workforce.checkin",
  ],
  medic: ["resident.read", "campaign.read", "station.scan", "sample.transport"],
  lab: ["lab.results"],
  warehouse_keeper: [],
  volunteer: [],
  org_member: [],
};

/** Whether a role carries a permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** All permissions of a role, for the web to shape its menus. */
export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}
