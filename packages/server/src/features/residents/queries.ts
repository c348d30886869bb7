import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database, Resident } from "../../db/schema";

/** A resident row with the names that make up its address. */
export type ResidentRow = Resident & {
  door: string;
  community_name: string;
  grid_name: string;
  building_name: string;
  unit_name: string;
};

/**
 * Residents matching `filter` (written against alias "r") in walking order. The page is cut from
 * residents alone first, so the address joins run for the page's rows only.
 */
export function selectResidentRows(
  db: Kysely<Database>,
  filter: Expression<SqlBool>,
  page: { limit: number; offset?: number },
): Promise<ResidentRow[]> {
  const cut = db
    .selectFrom("residents as r")
    .selectAll("r")
    .where(filter)
    .orderBy("r.address_key")
    .orderBy("r.id")
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return db
    .selectFrom(cut.as("p"))
    .innerJoin("households as h", "h.id", "p.household_id")
    .innerJoin("regions as c", "c.id", "p.community_id")
    .innerJoin("regions as g", "g.id", "p.grid_id")
    .innerJoin("regions as b", "b.id", "p.building_id")
    .innerJoin("regions as u", "u.id", "p.unit_id")
    .selectAll("p")
    .select([
      "h.door",
      "c.name as community_name",
      "g.name as grid_name",
      "b.name as building_name",
      "u.name as unit_name",
    ])
    .orderBy("p.address_key")
    .orderBy("p.id")
    .execute();
}

/**
 * How many residents match, counting at most cap + 1 rows so a broad filter over a million
 * residents stays fast; a result above `cap` means "more than cap".
 */
export async function countResidentsUpTo(
  db: Kysely<Database>,
  filter: Expression<SqlBool>,
  cap: number,
): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("residents as r")
        .select(sql<number>`1`.as("one"))
        .where(filter)
        .limit(cap + 1)
        .as("capped"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function selectResidentByDocument(
  db: Kysely<Database>,
  idType: string,
  idNumber: string,
): Promise<
  Pick<Resident, "id" | "household_id" | "community_id" | "grid_id" | "building_id" | "unit_id"> | undefined
> {
  return db
    .selectFrom("residents")
    .select(["id", "household_id", "community_id", "grid_id", "building_id", "unit_id"])
    .where("id_number", "=", idNumber)
    .where("id_type", "=", idType)
    .executeTakeFirst();
}

/** The household at a unit's door, created if it is new; concurrent creators get the same row. */
export async function upsertHousehold(
  db: Kysely<Database>,
  row: {
    id: string;
    unit_id: string;
    building_id: string;
    grid_id: string;
    community_id: string;
    door: string;
    sort_key: string;
  },
): Promise<{ id: string; sort_key: string }> {
  await db
    .insertInto("households")
    .values(row)
    .onConflict((oc) => oc.columns(["unit_id", "door"]).doNothing())
    .execute();
  return db
    .selectFrom("households")
    .select(["id", "sort_key"])
    .where("unit_id", "=", row.unit_id)
    .where("door", "=", row.door)
    .executeTakeFirstOrThrow();
}
