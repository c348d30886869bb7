import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../../db/schema";

/** The columns a worker view needs, with the community's name and the current or next loan. */
export function selectWorkerRows(db: Kysely<Database>, filter: Expression<SqlBool>) {
  return db
    .selectFrom("workers as w")
    .innerJoin("regions as c", "c.id", "w.community_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("worker_loans as l")
          .innerJoin("regions as lr", "lr.id", "l.to_community_id")
          .select([
            "l.id as loan_id",
            "l.to_community_id as loan_to",
            "lr.name as loan_to_name",
            "l.starts_at as loan_starts_at",
            "l.ends_at as loan_ends_at",
          ])
          .whereRef("l.worker_id", "=", "w.id")
          .where("l.ends_at", ">", sql<Date>`now()`)
          .orderBy("l.starts_at")
          .limit(1)
          .as("loan"),
      (join) => join.onTrue(),
    )
    .selectAll("w")
    .select([
      "c.name as community_name",
      "loan.loan_id",
      "loan.loan_to",
      "loan.loan_to_name",
      "loan.loan_starts_at",
      "loan.loan_ends_at",
    ])
    .where(filter);
}

export type WorkerRow = Awaited<ReturnType<ReturnType<typeof selectWorkerRows>["executeTakeFirstOrThrow"]>>;

/** How many workers match, per status. */
export async function countWorkersByStatus(
  db: Kysely<Database>,
  filter: Expression<SqlBool>,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("workers as w")
    .select(["w.status", (eb) => eb.fn.countAll<number>().as("n")])
    .where(filter)
    .groupBy("w.status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export function selectLoans(db: Kysely<Database>, workerId: string) {
  return db
    .selectFrom("worker_loans as l")
    .innerJoin("regions as r", "r.id", "l.to_community_id")
    .select(["l.id", "l.to_community_id", "r.name as to_name", "l.starts_at", "l.ends_at"])
    .where("l.worker_id", "=", workerId)
    .orderBy("l.starts_at")
    .execute();
}

/** The community by id, with its subdistrict's name (the parent), or undefined. */
export function selectCommunity(db: Kysely<Database>, communityId: string) {
  return db
    .selectFrom("regions as c")
    .leftJoin("regions as p", "p.id", "c.parent_id")
    .select(["c.id", "c.name", "c.path", "p.name as parent_name"])
    .where("c.id", "=", communityId)
    .where("c.level", "=", "community")
    .executeTakeFirst();
}

/** The worker with this phone in this community, if any (phones are stored as 11 digits). */
export function selectWorkerByPhone(db: Kysely<Database>, communityId: string, phone: string) {
  return db
    .selectFrom("workers")
    .selectAll()
    .where("community_id", "=", communityId)
    .where("phone", "=", phone)
    .executeTakeFirst();
}
