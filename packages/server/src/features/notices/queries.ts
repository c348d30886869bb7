import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { householdScopeFilter, livesInRegion, type RegionRef } from "../regions/scope";

export const NOTICE_STATUSES = ["pending", "queued", "sent", "notified", "unreachable"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * The households a round notifies: those holding a slot and those only visited at home, with the
 * assignment revision they must be told about. A home visit alone counts as revision 0, so a
 * household that later gets a slot (revision 1 and up) is pending again.
 */
function noticeTargets(campaignId: string): RawBuilder<unknown> {
  return sql`(
    with home as (
      select st.household_id, sum(st.people)::int as people
      from home_run_stops st join home_runs r on r.id = st.run_id
      where r.campaign_id = ${campaignId}
      group by st.household_id
    )
    select coalesce(a.household_id, home.household_id) as household_id, a.slot_id,
      coalesce(a.revision, 0) as revision, a.moved_at, a.people as slot_people, home.people as home_people
    from (select * from slot_assignments where campaign_id = ${campaignId}) a
    full join home on home.household_id = a.household_id
  )`;
}

/** pending when never told, or told about an older revision than the household's current one. */
const STATUS = sql<NoticeStatus>`case when ns.household_id is null or ns.revision < t.revision then 'pending' else ns.status end`;

export interface NoticeFilter {
  user: SessionUser;
  buildingId?: string;
  householdId?: string;
  region?: RegionRef;
  status?: NoticeStatus;
}

function whereNotice(f: NoticeFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [householdScopeFilter(f.user, "h")];
  if (f.buildingId) parts.push(sql<SqlBool>`h.building_id = ${f.buildingId}`);
  if (f.householdId) parts.push(sql<SqlBool>`h.id = ${f.householdId}`);
  if (f.region) parts.push(livesInRegion(f.region, "h"));
  if (f.status) parts.push(sql<SqlBool>`${STATUS} = ${f.status}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

const FROM = (campaignId: string) => sql`${noticeTargets(campaignId)} t
  join households h on h.id = t.household_id
  join regions u on u.id = h.unit_id
  join regions b on b.id = h.building_id
  join regions g on g.id = h.grid_id
  join regions cm on cm.id = h.community_id
  left join slots s on s.id = t.slot_id
  left join sites site on site.id = s.site_id
  left join notice_states ns on ns.campaign_id = ${campaignId} and ns.household_id = t.household_id`;

const DOOR_ORDER = sql`cm.sort_key, g.sort_key, b.sort_key, u.sort_key, h.sort_key`;

export interface NoticeHouseholdRow {
  household_id: string;
  building_id: string;
  building_name: string;
  unit_name: string;
  door: string;
  revision: number;
  moved_at: Date | null;
  slot_people: number | null;
  home_people: number | null;
  site_id: string | null;
  site_name: string | null;
  site_address: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  status: NoticeStatus;
  note: string | null;
  updated_at: Date | null;
  total: number;
}

/** Households of a round with their slot, home visit and notice state, in door order. */
export async function selectNoticeHouseholds(
  db: Kysely<Database>,
  campaignId: string,
  filter: NoticeFilter,
  page: { limit: number; offset: number } = { limit: 20_000, offset: 0 },
): Promise<NoticeHouseholdRow[]> {
  const { rows } = await sql<NoticeHouseholdRow>`
    select t.household_id, h.building_id, b.name as building_name, u.name as unit_name, h.door,
      t.revision, t.moved_at, t.slot_people, t.home_people,
      site.id as site_id, site.name as site_name, site.address as site_address, s.starts_at, s.ends_at,
      ${STATUS} as status, ns.note, ns.updated_at, count(*) over () as total
    from ${FROM(campaignId)}
    where ${whereNotice(filter)}
    order by ${DOOR_ORDER}
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export interface BuildingRow {
  building_id: string;
  name: string;
  community_name: string;
  grid_name: string;
  households: number;
  people: number;
  site_name: string | null;
  first_slot: Date | null;
  last_slot: Date | null;
}

/** Buildings of a round in the user's area, with the points and hours their households go to. */
export async function selectNoticeBuildings(
  db: Kysely<Database>,
  campaignId: string,
  filter: NoticeFilter,
): Promise<BuildingRow[]> {
  const { rows } = await sql<BuildingRow>`
    select b.id as building_id, b.name, cm.name as community_name, g.name as grid_name,
      count(*) as households,
      sum(coalesce(t.slot_people, 0) + coalesce(t.home_people, 0)) as people,
      string_agg(distinct site.name, '、' order by site.name) as site_name,
      min(s.starts_at) as first_slot, max(s.ends_at) as last_slot
    from ${FROM(campaignId)}
    where ${whereNotice(filter)}
    group by b.id, b.name, b.sort_key, cm.name, cm.sort_key, g.name, g.sort_key
    order by cm.sort_key, g.sort_key, b.sort_key`.execute(db);
  return rows.map((r) => ({ ...r, households: Number(r.households), people: Number(r.people) }));
}

/** How many households of a round in the user's area are in each notice state. */
export async function countNoticeStatuses(
  db: Kysely<Database>,
  campaignId: string,
  filter: NoticeFilter,
): Promise<Record<NoticeStatus, number>> {
  const { rows } = await sql<{ status: NoticeStatus; n: number }>`
    select ${STATUS} as status, count(*) as n
    from ${FROM(campaignId)}
    where ${whereNotice(filter)}
    group by 1`.execute(db);
  const counts = Object.fromEntries(NOTICE_STATUSES.map((s) => [s, 0])) as Record<NoticeStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** The community and grid a building belongs to (its ancestors by path), by level. */
export async function selectAncestorNames(
  db: Kysely<Database>,
  region: { path: string },
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom("regions")
    .select(["level", "name"])
    .where(sql<SqlBool>`${region.path} like regions.path || '%'`)
    .where("level", "in", ["community", "grid"])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, r.name]));
}

/** Active residents of the given households (for names and tokens), oldest registration first. */
export async function selectActiveResidents(db: Kysely<Database>, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  return db
    .selectFrom("residents")
    .select(["id", "household_id", "name", "phone"])
    .where("household_id", "in", householdIds)
    .where("status", "=", "active")
    .orderBy("household_id")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export interface PendingTarget {
  household_id: string;
  revision: number;
  moved_at: Date | null;
  home_people: number | null;
  building_name: string;
  unit_name: string;
  door: string;
  site_name: string | null;
  site_address: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
}

/** Households still to be told (pending), in door order, for a notice run. */
export async function selectPendingTargets(
  db: Kysely<Database>,
  campaignId: string,
  filter: NoticeFilter,
): Promise<PendingTarget[]> {
  const { rows } = await sql<PendingTarget>`
    select t.household_id, t.revision, t.moved_at, t.home_people, b.name as building_name,
      u.name as unit_name, h.door, site.name as site_name, site.address as site_address,
      s.starts_at, s.ends_at
    from ${FROM(campaignId)}
    where ${whereNotice({ ...filter, status: "pending" })}
    order by ${DOOR_ORDER}`.execute(db);
  return rows;
}

/**
 * The distinct mobile numbers (landlines cannot take an SMS) of active residents per household.
 * One array parameter per chunk: a per-household lookup would cost a round of the index each.
 */
export async function selectMobiles(
  db: Kysely<Database>,
  householdIds: string[],
): Promise<Map<string, string[]>> {
  const mobiles = new Map<string, string[]>();
  for (let i = 0; i < householdIds.length; i += 5000) {
    const { rows } = await sql<{ household_id: string; phone: string }>`
      select distinct household_id, phone from residents
      where household_id = any(${householdIds.slice(i, i + 5000)}::uuid[])
        and status = 'active' and phone ~ '^1[3-9][0-9]{9}$'
      order by household_id, phone`.execute(db);
    for (const r of rows) {
      const list = mobiles.get(r.household_id);
      if (list) list.push(r.phone);
      else mobiles.set(r.household_id, [r.phone]);
    }
  }
  return mobiles;
}
