import { type RawBuilder, sql } from "kysely";

/** A column of rows written by `unnestRows`: its name and its PostgreSQL type. */
export type UnnestColumn<R> = readonly [name: keyof R & string, type: string];

/** A statement of a `withStatements`: the name it is given and the statement. */
export type NamedStatement = readonly [name: string, statement: RawBuilder<unknown>];

const toParam = (value: unknown) =>
  value === undefined ? null : value instanceof Date ? value.toISOString() : value;

/**
 * Rows as `select * from unnest($1::t1[], $2::t2[], …) as v(c1, c2, …)`: one parameter per
 * column whatever the number of rows, so the statement's text (and the server's work to parse
 * it) stays the same for 1 row or 1,000, where a VALUES list takes a parameter per cell.
 * Types are SQL written by the caller, never input.
 */
export function unnestRows<R>(rows: readonly R[], columns: readonly UnnestColumn<R>[]): RawBuilder<unknown> {
  const arrays = columns.map(([name, type]) => sql`${rows.map((r) => toParam(r[name]))}::${sql.raw(type)}[]`);
  const names = columns.map(([name]) => sql.ref(name));
  return sql`select * from unnest(${sql.join(arrays)}) as v(${sql.join(names)})`;
}

/** `insert into table (c1, c2, …) select * from unnest(…)` for the rows. */
export function insertRows<R>(
  table: string,
  rows: readonly R[],
  columns: readonly UnnestColumn<R>[],
): RawBuilder<unknown> {
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
    ${unnestRows(rows, columns)}`;
}

/**
 * Several writes as one statement: `with a as (…), b as (…) select 1`. PostgreSQL runs every
 * data-modifying statement of a WITH exactly once, on one snapshot, and checks foreign keys at
 * the end of the whole statement, so a later one may name rows an earlier one inserts (but not
 * update them). One round trip instead of one per write.
 */
export function withStatements(statements: readonly NamedStatement[]): RawBuilder<unknown> {
  if (statements.length === 0) return sql`select 1`;
  const parts = statements.map(([name, statement]) => sql`${sql.id(name)} as (${statement})`);
  return sql`with ${sql.join(parts)} select 1`;
}

/**
 * `any(array(select unnest($1::type[])))`, for `column = ${anyOfList(values, "uuid")}` in a
 * statement planned for every execution (the station's, db/prepared.ts): the planner sees the
 * list as a subquery's result instead of its values, so it does not estimate each value against
 * the column's statistics. That estimate grew with the list: for a group's 200 residents it was
 * 0.65 of the lookup's 1.8 ms, planning the same index scans (0.20 ms this way). Types are SQL
 * written by the caller, never input.
 */
export function anyOfList<T>(values: readonly T[], type: string): RawBuilder<T> {
  return sql<T>`any(array(select unnest(${values}::${sql.raw(type)}[])))`;
}
