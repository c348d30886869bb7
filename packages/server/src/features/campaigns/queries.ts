import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { isUuid, livesInRegion } from "../regions/scope";
import type { CampaignView, SiteView } from "./campaign-schema";

const HOMEBOUND = sql`array['cannot_walk', 'bedridden']::text[]`;

/**
 * Campaigns the user may see: one of its regions lies inside the user's scope, or the user's
 * scope lies inside one of them (a grid worker sees the subdistrict's round).
 */
export function campaignVisible(user: SessionUser): Expression<SqlBool> {
  if (!user.scope) return user.role === "admin" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  const path = user.scope.path;
  return sql<SqlBool>`exists (select 1 from campaign_regions cr join regions r on r.id = cr.region_id
    where cr.campaign_id = campaigns.id and (r.path like ${`${path}%`} or ${path} like r.path || '%'))`;
}

/** Loads a campaign the user may see, or 404 as for an id that does not exist. */
export async function findVisibleCampaign(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
): Promise<Campaign> {
  const campaign = isUuid(campaignId)
    ? await db
        .selectFrom("campaigns")
        .selectAll()
        .where("id", "=", campaignId)
        .where(campaignVisible(user))
        .executeTakeFirst()
    : undefined;
  if (!campaign) throw new AppError("not_found", "Campaign not found");
  return campaign;
}

export interface ScopeRegion {
  id: string;
  level: string;
  path: string;
}

export async function listCampaignRegions(db: Kysely<Database>, campaignId: string): Promise<ScopeRegion[]> {
  return db
    .selectFrom("campaign_regions as cr")
    .innerJoin("regions as r", "r.id", "cr.region_id")
    .select(["r.id", "r.level", "r.path"])
    .where("cr.campaign_id", "=", campaignId)
    .orderBy("r.path")
    .execute();
}

/** Where-expression: the household (alias `h`) lies in one of the campaign's regions. */
export function inCampaignScope(regions: readonly ScopeRegion[], table = "h"): Expression<SqlBool> {
  if (regions.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    regions.map((r) => livesInRegion(r, table)),
    sql` or `,
  )})`;
}

export interface ScopeHousehold {
  id: string;
  building_id: string;
  grid_id: string;
  community_id: string;
  community_path: string;
  address_key: string;
  walkers: number;
  homebound: number;
}

/**
 * Households with active residents in the campaign's scope, with who walks and who is homebound.
 * One pass over residents (they carry their household's address columns), no join: at a district's
 * 1.3 M residents this is the bulk of a scheduling run's reading.
 */
export async function listScopeHouseholds(
  db: Kysely<Database>,
  regions: readonly ScopeRegion[],
): Promise<ScopeHousehold[]> {
  const [rows, communities] = await Promise.all([
    db
      .selectFrom("residents as h")
      .select([
        "h.household_id as id",
        "h.building_id",
        "h.grid_id",
        "h.community_id",
        sql<string>`min(h.address_key)`.as("address_key"),
        sql<number>`count(*) filter (where not (h.flags && ${HOMEBOUND}))`.as("walkers"),
        sql<number>`count(*) filter (where h.flags && ${HOMEBOUND})`.as("homebound"),
      ])
      .where("h.status", "=", "active")
      .where(inCampaignScope(regions))
      .groupBy(["h.household_id", "h.building_id", "h.grid_id", "h.community_id"])
      .execute(),
    db.selectFrom("regions").select(["id", "path"]).where("level", "=", "community").execute(),
  ]);
  const pathOf = new Map(communities.map((c) => [c.id, c.path]));
  return rows.map((r) => ({
    ...r,
    community_path: pathOf.get(r.community_id) ?? "",
    walkers: Number(r.walkers),
    homebound: Number(r.homebound),
  }));
}

export interface SiteRow {
  id: string;
  name: string;
  address: string;
  lanes: number;
  per_lane_per_hour: number;
  zones: string[];
  closed_at: Date | null;
}

export async function listSites(db: Kysely<Database>, campaignId: string): Promise<SiteRow[]> {
  return db
    .selectFrom("sites")
    .select(["id", "name", "address", "lanes", "per_lane_per_hour", "zones", "closed_at"])
    .where("campaign_id", "=", campaignId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function listSiteWindows(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom("site_windows as w")
    .innerJoin("sites as s", "s.id", "w.site_id")
    .select(["w.site_id", "w.starts_at", "w.ends_at"])
    .where("s.campaign_id", "=", campaignId)
    .orderBy("w.starts_at")
    .execute();
}

export async function listSiteRegions(db: Kysely<Database>, campaignId: string) {
  return db
    .selectFrom("site_regions as sr")
    .innerJoin("sites as s", "s.id", "sr.site_id")
    .innerJoin("regions as r", "r.id", "sr.region_id")
    .select(["sr.site_id", "r.id as region_id", "r.level", "r.path"])
    .where("s.campaign_id", "=", campaignId)
    .execute();
}

/** Sites with their windows and served regions, as the API shows them. */
export async function listSiteViews(db: Kysely<Database>, campaignId: string): Promise<SiteView[]> {
  const [sites, windows, regions] = await Promise.all([
    listSites(db, campaignId),
    listSiteWindows(db, campaignId),
    listSiteRegions(db, campaignId),
  ]);
  return sites.map((s) => ({
    id: s.id,
    name: s.name,
    address: s.address,
    lanes: s.lanes,
    perLanePerHour: s.per_lane_per_hour,
    zones: s.zones,
    windows: windows
      .filter((w) => w.site_id === s.id)
      .map((w) => ({ startsAt: iso(w.starts_at), endsAt: iso(w.ends_at) })),
    regionIds: regions.filter((r) => r.site_id === s.id).map((r) => r.region_id),
    closedAt: s.closed_at ? iso(s.closed_at) : null,
  }));
}

export function presentCampaign(c: Campaign, regionIds: string[]): CampaignView {
  return {
    id: c.id,
    name: c.name,
    status: c.status as CampaignView["status"],
    startsAt: iso(c.starts_at),
    deadlineAt: iso(c.deadline_at),
    poolSize: c.pool_size,
    slotMinutes: c.slot_minutes,
    headroom: Number(c.headroom),
    homeRunSize: c.home_run_size,
    regionIds,
    scheduledAt: c.scheduled_at ? iso(c.scheduled_at) : null,
  };
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
