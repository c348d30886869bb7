import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { RawSession } from "../../db/client";
import type { Database } from "../../db/schema";

export interface JobCounts {
  totalRows: number;
  validRows: number;
  rejectedRows: number;
}

/** A job row without the file, which can be 64 MB. */
export function selectJob(db: Kysely<Database>, jobId: string, userId: string) {
  return db
    .selectFrom("import_jobs")
    .select([
      "id",
      "user_id",
      "kind",
      "filename",
      "status",
      "mapping",
      "total_rows",
      "valid_rows",
      "rejected_rows",
      "inserted_rows",
      "updated_rows",
      "error",
      "created_at",
      "finished_at",
    ])
    .select((eb) => eb("file", "is not", null).as("has_file"))
    .where("id", "=", jobId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function selectJobFile(db: Kysely<Database>, jobId: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom("import_jobs").select("file").where("id", "=", jobId).executeTakeFirst();
  return row?.file ?? null;
}

export function selectJobsOfUser(db: Kysely<Database>, userId: string, limit: number) {
  return db
    .selectFrom("import_jobs")
    .select([
      "id",
      "filename",
      "status",
      "total_rows",
      "valid_rows",
      "rejected_rows",
      "inserted_rows",
      "updated_rows",
      "error",
      "created_at",
      "finished_at",
    ])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export async function insertJob(
  db: Kysely<Database>,
  job: {
    id: string;
    userId: string | null;
    filename: string;
    file: Uint8Array | null;
    mapping: Record<string, string>;
  },
  counts: JobCounts,
): Promise<void> {
  await db
    .insertInto("import_jobs")
    .values({
      id: job.id,
      user_id: job.userId,
      kind: "residents",
      filename: job.filename,
      status: "previewed",
      mapping: JSON.stringify(job.mapping),
      total_rows: counts.totalRows,
      valid_rows: counts.validRows,
      rejected_rows: counts.rejectedRows,
      file: job.file,
    })
    .execute();
}

export async function updatePreviewedJob(
  db: Kysely<Database>,
  jobId: string,
  mapping: Record<string, string>,
  counts: JobCounts,
): Promise<void> {
  await db
    .updateTable("import_jobs")
    .set({
      mapping: JSON.stringify(mapping),
      total_rows: counts.totalRows,
      valid_rows: counts.validRows,
      rejected_rows: counts.rejectedRows,
      error: null,
    })
    .where("id", "=", jobId)
    .where("status", "=", "previewed")
    .execute();
}

export async function recordJobError(db: Kysely<Database>, jobId: string, error: string): Promise<void> {
  await db.updateTable("import_jobs").set({ error }).where("id", "=", jobId).execute();
}

export async function discardJob(db: Kysely<Database>, jobId: string): Promise<void> {
  await db
    .updateTable("import_jobs")
    .set((eb) => ({
      file: null,
      status: eb.case().when("status", "=", "previewed").then("discarded").else(eb.ref("status")).end(),
      finished_at: eb.fn.coalesce("finished_at", eb.val(new Date())),
    }))
    .where("id", "=", jobId)
    .execute();
}

/** Locks the job row for the commit's transaction and returns its status. */
export async function lockJob(raw: RawSession, jobId: string): Promise<string | undefined> {
  const [row] = await raw.query<{ status: string }>(
    "select status from import_jobs where id = $1 for update",
    [jobId],
  );
  return row?.status;
}

/** Marks a job committed (creating its row for command-line imports), in the commit's transaction. */
export async function markJobCommitted(
  raw: RawSession,
  job: {
    id: string;
    userId: string | null;
    filename: string;
    mapping: Record<string, string>;
    counts: JobCounts & { inserted: number; updated: number };
  },
): Promise<void> {
  const c = job.counts;
  await raw.query(
    `insert into import_jobs (id, user_id, kind, filename, status, mapping, total_rows, valid_rows, rejected_rows,
                              inserted_rows, updated_rows, finished_at)
     values ($1, $2, 'residents', $3, 'committed', $4, $5, $6, $7, $8, $9, now())
     on conflict (id) do update set status = 'committed', mapping = excluded.mapping,
       total_rows = excluded.total_rows, valid_rows = excluded.valid_rows, rejected_rows = excluded.rejected_rows,
       inserted_rows = excluded.inserted_rows, updated_rows = excluded.updated_rows,
       finished_at = excluded.finished_at, error = null,
       -- The file holds ID numbers and phones: kept only while there are rejected rows to download.
       file = case when excluded.rejected_rows = 0 then null else import_jobs.file end`,
    [
      job.id,
      job.userId,
      job.filename,
      JSON.stringify(job.mapping),
      c.totalRows,
      c.validRows,
      c.rejectedRows,
      c.inserted,
      c.updated,
    ],
  );
}

/** One resident as an export row needs it. */
export interface ExportRow {
  id: string;
  address_key: string;
  name: string;
  id_type: string;
  id_number: string;
  phone: string | null;
  flags: string[];
  door: string;
  community: string;
  grid: string;
  building: string;
  unit: string;
}

/**
 * The next page of residents matching `filter` (on alias "r") in walking order after a keyset
 * position: each page is an index range scan, so page 500 costs what page 1 does.
 */
export function selectExportPage(
  db: Kysely<Database>,
  filter: Expression<SqlBool>,
  after: { addressKey: string; id: string } | null,
  limit: number,
): Promise<ExportRow[]> {
  const page = db
    .selectFrom("residents as r")
    .select([
      "r.id",
      "r.address_key",
      "r.name",
      "r.id_type",
      "r.id_number",
      "r.phone",
      "r.flags",
      "r.household_id",
    ])
    .select(["r.community_id", "r.grid_id", "r.building_id", "r.unit_id"])
    .where(filter)
    .where(
      after ? sql<SqlBool>`(r.address_key, r.id) > (${after.addressKey}, ${after.id})` : sql<SqlBool>`true`,
    )
    .orderBy("r.address_key")
    .orderBy("r.id")
    .limit(limit);
  return db
    .selectFrom(page.as("p"))
    .innerJoin("households as h", "h.id", "p.household_id")
    .innerJoin("regions as c", "c.id", "p.community_id")
    .innerJoin("regions as g", "g.id", "p.grid_id")
    .innerJoin("regions as b", "b.id", "p.building_id")
    .innerJoin("regions as u", "u.id", "p.unit_id")
    .select(["p.id", "p.address_key", "p.name", "p.id_type", "p.id_number", "p.phone", "p.flags", "h.door"])
    .select(["c.name as community", "g.name as grid", "b.name as building", "u.name as unit"])
    .orderBy("p.address_key")
    .orderBy("p.id")
    .execute();
}

export async function countMatching(db: Kysely<Database>, filter: Expression<SqlBool>): Promise<number> {
  const row = await db
    .selectFrom("residents as r")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(filter)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
