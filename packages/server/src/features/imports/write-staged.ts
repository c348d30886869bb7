import type { RawSession } from "../../db/client";
import type { Scope } from "../../http";

// The statements below look up each staged row with a scalar subquery rather than a join: that
// keeps them index probes, where a join's plan may hash the whole residents or households table
// once per chunk.

/**
 * Staged rows whose ID number already belongs to someone outside the user's scope. Such a row
 * would move another community's resident into this one, so it is rejected, not applied.
 */
export async function findRegisteredElsewhere(
  raw: RawSession,
  scope: Scope | null,
): Promise<{ row: number; idNumber: string }[]> {
  if (!scope) return [];
  const rows = await raw.query<{ row_no: number; id_number: string }>(
    `select s.row_no, s.id_number from import_rows s
      where (select u.path from residents r join regions u on u.id = r.unit_id
              where r.id_number = s.id_number and r.id_type = s.id_type) not like $1
      order by s.row_no`,
    [`${scope.path}%`],
  );
  return rows.map((r) => ({ row: Number(r.row_no), idNumber: r.id_number }));
}

export async function dropStagedRows(raw: RawSession, rowNumbers: readonly number[]): Promise<void> {
  if (rowNumbers.length === 0) return;
  await raw.query("delete from import_rows where row_no = any($1::int[])", [rowNumbers]);
  // A household only rejected rows lived in is not created.
  await raw.query(
    `delete from import_households h
      where not exists (select 1 from import_rows s where s.unit_ix = h.unit_ix and s.door = h.door)`,
  );
}

/** How many staged people are already registered (matched by ID number): a commit updates them. */
export async function countKnownPeople(raw: RawSession): Promise<number> {
  const [row] = await raw.query<{ n: number }>(
    `select count(*) as n from import_rows s
      where (select 1 from residents r where r.id_number = s.id_number and r.id_type = s.id_type) is not null`,
  );
  return Number(row?.n ?? 0);
}

/** Notes the staged households that do not exist yet (preview: nothing is created). */
export async function noteMissingHouseholds(raw: RawSession): Promise<void> {
  await raw.query(
    `insert into import_new_households (unit_ix, door)
     select d.unit_ix, d.door from import_households d
       join import_units u on u.ix = d.unit_ix
      where (select h.id from households h where h.unit_id = u.unit_id and h.door = d.door) is null
     on conflict do nothing`,
  );
}

export async function countMissingHouseholds(raw: RawSession): Promise<number> {
  const [row] = await raw.query<{ n: number }>("select count(*) as n from import_new_households");
  return Number(row?.n ?? 0);
}

/**
 * Creates the households the staged rows live in that do not exist yet, and points each staged
 * household at its row (an existing one keeps its id); returns how many were created.
 */
export async function insertHouseholds(raw: RawSession): Promise<number> {
  const [row] = await raw.query<{ n: number }>(
    `with created as (
       insert into households (id, unit_id, building_id, grid_id, community_id, door, sort_key)
       select d.id, u.unit_id, u.building_id, u.grid_id, u.community_id, d.door, d.door_key
         from import_households d
         join import_units u on u.ix = d.unit_ix
       on conflict (unit_id, door) do nothing
       returning 1)
     select count(*) as n from created`,
  );
  await raw.query(
    `update import_households d
        set id = (select h.id from households h join import_units u on u.unit_id = h.unit_id
                   where u.ix = d.unit_ix and h.door = d.door)`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Inserts new people and updates known ones (matched by ID number and type) in one statement.
 * An update moves the person to the file's address, bumps version and updated_at, and makes a
 * moved-out person active again: the file is the community's current list of who lives where.
 * Phone and flags are replaced only when the file has that column; birth date and sex are kept
 * when the document does not carry them (passports).
 */
export async function upsertResidents(
  raw: RawSession,
  opts: { hasPhone: boolean; hasFlags: boolean },
): Promise<{ inserted: number; updated: number }> {
  const phone = opts.hasPhone ? "excluded.phone" : "residents.phone";
  const flags = opts.hasFlags ? "excluded.flags" : "residents.flags";
  const [row] = await raw.query<{ inserted: number; updated: number }>(
    `with upserted as (
       insert into residents (id, household_id, unit_id, building_id, grid_id, community_id, address_key,
                              name, id_type, id_number, birth_date, sex, phone, flags)
       select s.id, d.id, u.unit_id, u.building_id, u.grid_id, u.community_id, u.key_prefix || s.door_key,
              s.name, s.id_type, s.id_number, s.birth_date, s.sex, s.phone, s.flags
         from import_rows s
         join import_units u on u.ix = s.unit_ix
         join import_households d on d.unit_ix = s.unit_ix and d.door = s.door
       on conflict (id_number, id_type) do update set
         household_id = excluded.household_id,
         unit_id = excluded.unit_id,
         building_id = excluded.building_id,
         grid_id = excluded.grid_id,
         community_id = excluded.community_id,
         address_key = excluded.address_key,
         name = excluded.name,
         birth_date = coalesce(excluded.birth_date, residents.birth_date),
         sex = coalesce(excluded.sex, residents.sex),
         phone = ${phone},
         flags = ${flags},
         status = 'active',
         moved_out_at = null,
         version = residents.version + 1,
         updated_at = now()
       returning (xmax = 0) as inserted)
     select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
       from upserted`,
  );
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}
