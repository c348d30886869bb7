import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { householdScopeFilter } from "../regions/scope";

/**
 * A UUIDv7 made by the database, for set-based inserts (one INSERT … SELECT for thousands of
 * rows): the same layout as newId() (48-bit Unix milliseconds, version 7, variant 10, random
 * rest), built from gen_random_uuid() so it runs on PostgreSQL 15+ and PGlite alike.
 */
export const UUID_V7 = sql<string>`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
  from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

export interface OpenRecall {
  id: string;
  taskId: string;
  /** The pooled sample that put the person on the list. */
  sampleId: string;
}

/**
 * The person's open recall in the round (their pooled tube was positive or invalid, and no
 * single-tube re-sample is bound yet), for the station: such a person is sampled again, alone.
 */
export async function findOpenRecall(
  db: Kysely<Database>,
  campaignId: string,
  residentId: string,
): Promise<OpenRecall | undefined> {
  const row = await db
    .selectFrom("recalls")
    .select(["id", "task_id", "sample_id"])
    .where("campaign_id", "=", campaignId)
    .where("resident_id", "=", residentId)
    .where("status", "=", "open")
    .orderBy("created_at")
    .executeTakeFirst();
  return row ? { id: row.id, taskId: row.task_id, sampleId: row.sample_id } : undefined;
}

export interface TaskRow {
  id: string;
  household_id: string;
  reason: "positive" | "invalid";
  status: string;
  home_sampling: boolean;
  note: string | null;
  created_at: Date;
  controlled_at: Date | null;
  closed_at: Date | null;
  barcode: string;
  tested_at: Date | null;
  tube_result: "negative" | "positive" | "invalid" | null;
  door: string;
  unit_name: string;
  building_name: string;
  grid_id: string;
  grid_name: string;
  community_name: string;
}

/** Where-expression: the task (alias `rt`) is one of these, or any when none are given. */
export function taskIdIn(ids: readonly string[] | undefined): Expression<SqlBool> {
  if (!ids) return sql<SqlBool>`true`;
  if (ids.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`rt.id = any(${[...ids]}::uuid[])`;
}

/**
 * Recall tasks of a round whose household lies in the user's scope (and in `region` when given),
 * in walking order: community, grid, building, unit, door.
 */
export async function selectTasks(
  db: Kysely<Database>,
  user: SessionUser,
  opts: {
    campaignId: string;
    region?: Expression<SqlBool> | undefined;
    taskIds?: readonly string[] | undefined;
    limit: number;
  },
): Promise<TaskRow[]> {
  return (
    db
      .selectFrom("recall_tasks as rt")
      .innerJoin("households as h", "h.id", "rt.household_id")
      .innerJoin("tubes as tb", "tb.id", "rt.tube_id")
      .leftJoin("tube_results as tr", "tr.tube_id", "rt.tube_id")
      .innerJoin("regions as u", "u.id", "h.unit_id")
      .innerJoin("regions as b", "b.id", "h.building_id")
      .innerJoin("regions as g", "g.id", "h.grid_id")
      .innerJoin("regions as c", "c.id", "h.community_id")
      .select([
        "rt.id",
        "rt.household_id",
        "rt.reason",
        "rt.status",
        "rt.home_sampling",
        "rt.note",
        "rt.created_at",
        "rt.controlled_at",
        "rt.closed_at",
        "tb.barcode",
        "tr.tested_at",
        "tr.result as tube_result",
        "h.door",
        "u.name as unit_name",
        "b.name as building_name",
        "h.grid_id",
        "g.name as grid_name",
        "c.name as community_name",
      ])
      .where("rt.campaign_id", "=", opts.campaignId)
      .where(householdScopeFilter(user, "h"))
      .where(opts.region ?? sql<SqlBool>`true`)
      .where(taskIdIn(opts.taskIds))
      .orderBy("c.sort_key")
      .orderBy("g.sort_key")
      .orderBy("b.sort_key")
      .orderBy("u.sort_key")
      .orderBy("h.sort_key")
      // One household in two recalled tubes: the positive one first.
      .orderBy(sql`rt.reason = 'positive'`, "desc")
      .orderBy("rt.created_at")
      .limit(opts.limit)
      .execute()
  );
}

export interface RecallPersonRow {
  id: string;
  task_id: string;
  resident_id: string;
  status: string;
  result: string | null;
  closed_at: Date | null;
  name: string;
  birth_date: string | null;
  sex: string | null;
  resampled_at: Date | null;
  resample_barcode: string | null;
}

/** The people of the given tasks, with their re-sample (when one is bound) and its tube. */
export async function selectTaskPeople(
  db: Kysely<Database>,
  taskIds: readonly string[],
): Promise<RecallPersonRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("recalls as rc")
    .innerJoin("residents as r", "r.id", "rc.resident_id")
    .leftJoin("samples as rs", "rs.id", "rc.resample_id")
    .leftJoin("tubes as rt", "rt.id", "rs.tube_id")
    .select([
      "rc.id",
      "rc.task_id",
      "rc.resident_id",
      "rc.status",
      "rc.result",
      "rc.closed_at",
      "r.name",
      "r.birth_date",
      "r.sex",
      "rs.sampled_at as resampled_at",
      "rt.barcode as resample_barcode",
    ])
    .where(sql<SqlBool>`rc.task_id = any(${[...taskIds]}::uuid[])`)
    .orderBy("rc.task_id")
    .orderBy("r.birth_date")
    .orderBy("rc.id")
    .execute();
}

/** Grids with recall tasks of the round in the user's area, with their household counts. */
export async function selectTaskGrids(db: Kysely<Database>, user: SessionUser, campaignId: string) {
  const rows = await db
    .selectFrom("recall_tasks as rt")
    .innerJoin("households as h", "h.id", "rt.household_id")
    .innerJoin("regions as g", "g.id", "h.grid_id")
    .innerJoin("regions as c", "c.id", "h.community_id")
    .select(["g.id", "g.name", "c.name as community_name", (eb) => eb.fn.countAll<number>().as("households")])
    .where("rt.campaign_id", "=", campaignId)
    .where(householdScopeFilter(user, "h"))
    .groupBy(["g.id", "g.name", "g.sort_key", "c.name", "c.sort_key"])
    .orderBy("c.sort_key")
    .orderBy("g.sort_key")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    communityName: r.community_name,
    households: Number(r.households),
  }));
}

/** A task whose household lies in the user's area, locked for the change, or undefined. */
export async function lockTaskInScope(db: Kysely<Database>, user: SessionUser, taskId: string) {
  return db
    .selectFrom("recall_tasks as rt")
    .innerJoin("households as h", "h.id", "rt.household_id")
    .select(["rt.id", "rt.campaign_id", "rt.status", "rt.controlled_at", "rt.home_sampling", "rt.note"])
    .where("rt.id", "=", taskId)
    .where(householdScopeFilter(user, "h"))
    .forUpdate("rt")
    .executeTakeFirst();
}

/** A resident's live samples in a round, oldest first, with point, tube and tube result. */
export async function selectResidentSamples(db: Kysely<Database>, campaignId: string, residentId: string) {
  return db
    .selectFrom("samples as s")
    .leftJoin("tubes as t", "t.id", "s.tube_id")
    .leftJoin("sites as site", "site.id", "s.site_id")
    .leftJoin("tube_results as tr", "tr.tube_id", "s.tube_id")
    .select([
      "s.id",
      "s.sampled_at",
      "s.fever",
      "site.id as site_id",
      "site.name as site_name",
      "t.barcode",
      "t.single",
      "t.pool_size",
      "t.status as tube_status",
      "tr.result",
      "tr.tested_at",
    ])
    .where("s.campaign_id", "=", campaignId)
    .where("s.resident_id", "=", residentId)
    .where("s.undone_at", "is", null)
    .orderBy("s.sampled_at")
    .orderBy("s.id")
    .execute();
}

/** A resident's recalls in a round, oldest first, with their task and pooled tube. */
export async function selectResidentRecalls(db: Kysely<Database>, campaignId: string, residentId: string) {
  return db
    .selectFrom("recalls as rc")
    .innerJoin("recall_tasks as rt", "rt.id", "rc.task_id")
    .innerJoin("tubes as tb", "tb.id", "rt.tube_id")
    .select([
      "rc.id",
      "rc.status",
      "rc.result",
      "rc.created_at",
      "rc.closed_at",
      "rt.reason",
      "rt.home_sampling",
      "rt.controlled_at",
      "tb.barcode",
    ])
    .where("rc.campaign_id", "=", campaignId)
    .where("rc.resident_id", "=", residentId)
    .orderBy("rc.created_at")
    .orderBy("rc.id")
    .execute();
}
