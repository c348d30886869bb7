import { joinAddressKey } from "@shequ/core/address-key";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import { escapeLike } from "../../db/like";
import type { Campaign, Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { isUuid, livesInRegion } from "../regions/scope";
import type { CampaignView, SiteView } from "./campaign-schema";

/** Residents sampled at home: they cannot walk or are bedridden. */
export const HOMEBOUND = sql`array['cannot_walk', 'bedridden']::text[]`;

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
 * Households with active residents in the campaign's scope, with who walks and who is homebound,
 * and their walking-order key. At a district's 1.3 M residents this read is most of a scheduling
 * run, so it returns as little as it can: each household's id, unit and door key with its two
 * counts; building, grid and community come from the place tree (a few thousand rows) in memory.
 */
export async function listScopeHouseholds(
  db: Kysely<Database>,
  regions: readonly ScopeRegion[],
): Promise<ScopeHousehold[]> {
  const [households, places] = await Promise.all([
    sql<{ id: string; unit_id: string; sort_key: string; n: number; hb: number }>`
      select h.id, h.unit_id, h.sort_key, c.n, c.hb
        from households h
        join (select r.household_id, count(*) as n, count(*) filter (where r.flags && ${HOMEBOUND}) as hb
                from residents r
               where r.status = 'active' and ${inCampaignScope(regions, "r")}
               group by r.household_id) c on c.household_id = h.id
       where ${inCampaignScope(regions, "h")}`.execute(db),
    db
      .selectFrom("regions as p")
      .select(["p.id", "p.parent_id", "p.sort_key", "p.path"])
      .where("p.level", "in", ["community", "grid", "building", "unit"])
      .where((eb) => eb.or(regions.map((r) => eb("p.path", "like", `${escapeLike(r.path)}%`))))
      .execute(),
  ]);
  const place = new Map(places.map((p) => [p.id, p]));
  const parentOf = (id: string | null | undefined) => (id ? place.get(id)?.parent_id : undefined) ?? "";
  const sortKey = (id: string) => place.get(id)?.sort_key ?? "";
  return households.rows.map((h) => {
    const building = parentOf(h.unit_id);
    const grid = parentOf(building);
    const community = parentOf(grid);
    const homebound = Number(h.hb);
    return {
      id: h.id,
      building_id: building,
      grid_id: grid,
      community_id: community,
      community_path: place.get(community)?.path ?? "",
      address_key: joinAddressKey([
        sortKey(community),
        sortKey(grid),
        sortKey(building),
        sortKey(h.unit_id),
        h.sort_key,
      ]),
      walkers: Number(h.n) - homebound,
      homebound,
    };
  });
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

/** Locks the round's row for the rest of the transaction: schedulers of one round queue here. */
export async function lockCampaign(trx: Kysely<Database>, campaignId: string): Promise<Campaign> {
  return trx
    .selectFrom("campaigns")
    .selectAll()
    .where("id", "=", campaignId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export function assertHasResidents(households: number): void {
  if (households === 0) {
    const message = "Nobody lives in the round's scope: check its regions";
    throw new AppError("validation", message, {
      issues: [{ field: "regionIds", reason: "no_residents", message }],
    });
  }
}
