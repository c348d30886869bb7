import { type Kysely, sql } from "kysely";
import { escapeLike } from "../../db/like";
import type { Database } from "../../db/schema";

export interface AuditFilter {
  entityId?: string;
  userId?: string;
  /** Exact action, or a prefix when it ends with "*" ("user.*"). */
  action?: string;
  from?: Date;
  to?: Date;
  /** Only entries by, or about, people inside this region path; null = everything. */
  withinPath: string | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  userId: string | null;
  username: string | null;
  displayName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/** Audit entries matching the filter, newest first, with the acting account's names. */
export async function selectAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom("audit_log as a").leftJoin("users as u", "u.id", "a.user_id");
  if (filter.entityId) query = query.where("a.entity_id", "=", filter.entityId);
  if (filter.userId) query = query.where("a.user_id", "=", filter.userId);
  if (filter.action?.endsWith("*")) {
    query = query.where("a.action", "like", `${escapeLike(filter.action.slice(0, -1))}%`);
  } else if (filter.action) {
    query = query.where("a.action", "=", filter.action);
  }
  if (filter.from) query = query.where("a.at", ">=", filter.from);
  if (filter.to) query = query.where("a.at", "<", filter.to);
  if (filter.withinPath) {
    const prefix = `${escapeLike(filter.withinPath)}%`;
    // Who did it, or whom it was about (an account or a resident), lies inside the scope.
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("regions as ur")
            .select(sql`1`.as("one"))
            .whereRef("ur.id", "=", "u.scope_region_id")
            .where("ur.path", "like", prefix),
        ),
        eb.and([
          eb("a.entity_type", "=", "user"),
          eb.exists(
            eb
              .selectFrom("users as eu")
              .innerJoin("regions as er", "er.id", "eu.scope_region_id")
              .select(sql`1`.as("one"))
              .whereRef("eu.id", "=", "a.entity_id")
              .where("er.path", "like", prefix),
          ),
        ]),
        eb.and([
          eb("a.entity_type", "=", "resident"),
          eb.exists(
            eb
              .selectFrom("residents as res")
              .innerJoin("regions as unit", "unit.id", "res.unit_id")
              .select(sql`1`.as("one"))
              .whereRef("res.id", "=", "a.entity_id")
              .where("unit.path", "like", prefix),
          ),
        ]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        "a.id",
        "a.at",
        "a.user_id",
        "u.username",
        "u.display_name",
        "a.action",
        "a.entity_type",
        "a.entity_id",
        "a.details",
      ])
      .orderBy("a.at", "desc")
      .orderBy("a.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at),
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      details: r.details,
    })),
    total: Number(count.n),
  };
}
