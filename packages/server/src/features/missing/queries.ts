import type { MissingView } from "@shequ/core/missing-schema";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";

// The missing lists read residents of one grid (300–1,500 people, on residents_grid_idx) against
// the round's samples and exemptions (both indexed by round and resident): exact, not rollups.

/** Where-expression on residents `r`: a live (not undone) sample in the round. */
export function sampledIn(campaignId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from samples s
    where s.campaign_id = ${campaignId} and s.resident_id = r.id and s.undone_at is null)`;
}

function exemptedIn(campaignId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from exemptions x
    where x.campaign_id = ${campaignId} and x.resident_id = r.id)`;
}

/**
 * Who belongs on a view, on residents `r`: missing = active, no live sample, no exemption;
 * exempted = an exemption and no live sample (sampled people count as sampled, like the rollups);
 * previous = missing, with a live sample in the previous round.
 */
export function viewFilter(view: MissingView, campaignId: string, previousId: string | null) {
  const missing = sql<SqlBool>`(r.status = 'active' and not ${sampledIn(campaignId)} and not ${exemptedIn(campaignId)})`;
  if (view === "missing") return missing;
  if (view === "exempted") return sql<SqlBool>`(${exemptedIn(campaignId)} and not ${sampledIn(campaignId)})`;
  if (!previousId) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${missing} and ${sampledIn(previousId)})`;
}

/** The three counts of a grid's views (where = the grid and the user's scope, on `r`). */
export async function countViews(
  db: Kysely<Database>,
  o: { campaignId: string; previousId: string | null; where: Expression<SqlBool> },
): Promise<{ missing: number; exempted: number; previous: number }> {
  const f = (view: MissingView) => viewFilter(view, o.campaignId, o.previousId);
  const row = await sql<{ missing: number; exempted: number; previous: number }>`
    select count(*) filter (where ${f("missing")}) as missing,
           count(*) filter (where ${f("exempted")}) as exempted,
           count(*) filter (where ${f("previous")}) as previous
    from residents r where ${o.where}`.execute(db);
  const c = row.rows[0];
  return {
    missing: Number(c?.missing ?? 0),
    exempted: Number(c?.exempted ?? 0),
    previous: Number(c?.previous ?? 0),
  };
}

/** How many people a view with its search holds (where may use `h` and `b`, as the page does). */
export async function countPeople(db: Kysely<Database>, where: Expression<SqlBool>): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*) as n from residents r
    join households h on h.id = r.household_id
    join regions b on b.id = r.building_id
    where ${where}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export interface PersonRow {
  id: string;
  name: string;
  phone: string | null;
  id_number: string;
  birth_date: string | null;
  sex: string | null;
  flags: string[];
  status: string;
  household_id: string;
  door: string;
  building_id: string;
  building_name: string;
  unit_id: string;
  unit_name: string;
  slot_starts_at: Date | string | null;
  slot_ends_at: Date | string | null;
  site_name: string | null;
  home_run_seq: number | null;
  contact_outcome: string | null;
  contact_place: string | null;
  contact_note: string | null;
  contact_at: Date | string | null;
  contact_by: string | null;
  exemption_reason: string | null;
  exemption_place: string | null;
  exemption_note: string | null;
  exemption_at: Date | string | null;
  exemption_by: string | null;
  previous_sampled_at: Date | string | null;
}

/**
 * People matching `where` (on `r`, `h` household, `b` building) in walking order, each with their
 * household's slot and site, home-sampling run, latest call and exemption in the round.
 */
export async function selectPeople(
  db: Kysely<Database>,
  o: {
    campaignId: string;
    previousId: string | null;
    where: Expression<SqlBool>;
    limit: number;
    offset: number;
  },
): Promise<PersonRow[]> {
  const c = o.campaignId;
  const previousSampledAt = o.previousId
    ? sql`(select min(ps.sampled_at) from samples ps
        where ps.campaign_id = ${o.previousId} and ps.resident_id = r.id and ps.undone_at is null)`
    : sql`null::timestamptz`;
  const rows = await sql<PersonRow>`
    select r.id, r.name, r.phone, r.id_number, r.birth_date, r.sex, r.flags, r.status, r.household_id,
      h.door, r.building_id, b.name as building_name, r.unit_id, u.name as unit_name,
      sl.starts_at as slot_starts_at, sl.ends_at as slot_ends_at, st.name as site_name,
      hr.seq as home_run_seq,
      lc.outcome as contact_outcome, lc.place as contact_place, lc.note as contact_note,
      lc.created_at as contact_at, lcu.display_name as contact_by,
      e.reason as exemption_reason, e.place as exemption_place, e.note as exemption_note,
      e.created_at as exemption_at, eu.display_name as exemption_by,
      ${previousSampledAt} as previous_sampled_at
    from residents r
    join households h on h.id = r.household_id
    join regions b on b.id = r.building_id
    join regions u on u.id = r.unit_id
    left join slot_assignments sa on sa.campaign_id = ${c} and sa.household_id = r.household_id
    left join slots sl on sl.id = sa.slot_id
    left join sites st on st.id = sl.site_id
    left join lateral (select hr.seq from home_run_stops hs join home_runs hr on hr.id = hs.run_id
      where hr.campaign_id = ${c} and hs.household_id = r.household_id
      order by hr.seq limit 1) hr on true
    left join lateral (select mc.outcome, mc.place, mc.note, mc.created_at, mc.created_by
      from missing_contacts mc where mc.campaign_id = ${c} and mc.resident_id = r.id
      order by mc.created_at desc, mc.id desc limit 1) lc on true
    left join users lcu on lcu.id = lc.created_by
    left join exemptions e on e.campaign_id = ${c} and e.resident_id = r.id
    left join users eu on eu.id = e.created_by
    where ${o.where}
    order by r.address_key, r.id
    limit ${o.limit} offset ${o.offset}`.execute(db);
  return rows.rows;
}

/**
 * The round before this one over the grid, for the comparison: the latest other round, not a
 * draft, starting earlier, with a region that contains the grid or lies in it.
 */
export async function selectPreviousCampaign(
  db: Kysely<Database>,
  o: { campaignId: string; startsAt: Date | string; gridPath: string; visible: Expression<SqlBool> },
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom("campaigns")
    .select(["campaigns.id", "campaigns.name"])
    .where("campaigns.id", "<>", o.campaignId)
    .where("campaigns.status", "<>", "draft")
    .where("campaigns.starts_at", "<", new Date(o.startsAt))
    .where(
      sql<SqlBool>`exists (select 1 from campaign_regions cr join regions g on g.id = cr.region_id
        where cr.campaign_id = campaigns.id and (${o.gridPath} like g.path || '%' or g.path like ${o.gridPath} || '%'))`,
    )
    .where(o.visible)
    .orderBy("campaigns.starts_at", "desc")
    .orderBy("campaigns.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** A grid region with its community's name. */
export function selectGrid(db: Kysely<Database>, where: { id?: string; idsOnPath?: string[] }) {
  let q = db
    .selectFrom("regions as g")
    .innerJoin("regions as c", "c.id", "g.parent_id")
    .select(["g.id", "g.name", "g.path", "c.name as community_name"])
    .where("g.level", "=", "grid");
  if (where.id !== undefined) q = q.where("g.id", "=", where.id);
  if (where.idsOnPath !== undefined)
    q = q.where(
      "g.id",
      "in",
      where.idsOnPath.length ? where.idsOnPath : ["00000000-0000-0000-0000-000000000000"],
    );
  return q.executeTakeFirst();
}

/** The round's grid rollups (with community names) that the filter on `g` lets through, in tree order. */
export function selectGridCounts(db: Kysely<Database>, campaignId: string, visible: Expression<SqlBool>) {
  return db
    .selectFrom("coverage_counts as k")
    .innerJoin("regions as g", "g.id", "k.region_id")
    .innerJoin("regions as c", "c.id", "g.parent_id")
    .select(["g.id", "g.name", "c.name as community_name", "k.expected", "k.sampled", "k.exempted"])
    .where("k.campaign_id", "=", campaignId)
    .where("k.level", "=", "grid")
    .where(visible)
    .orderBy("c.sort_key")
    .orderBy("c.name")
    .orderBy("g.sort_key")
    .orderBy("g.name")
    .execute();
}

/** One resident of the round in the user's area, locked for this transaction's follow-up writes. */
export function lockResident(db: Kysely<Database>, residentId: string, where: Expression<SqlBool>) {
  return db
    .selectFrom("residents as r")
    .select(["r.id", "r.grid_id", "r.status", "r.phone", "r.id_number"])
    .where("r.id", "=", residentId)
    .where(where)
    .forUpdate()
    .executeTakeFirst();
}

export function selectExemption(db: Kysely<Database>, campaignId: string, residentId: string) {
  return db
    .selectFrom("exemptions")
    .select(["reason"])
    .where("campaign_id", "=", campaignId)
    .where("resident_id", "=", residentId)
    .executeTakeFirst();
}

/** Whether the resident has a live sample in the round. */
export async function hasLiveSample(db: Kysely<Database>, campaignId: string, residentId: string) {
  const row = await db
    .selectFrom("samples")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .where("resident_id", "=", residentId)
    .where("undone_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
