import type { RawSession } from "./client";

export interface DeferredConstraint {
  name: string;
  definition: string;
}

/**
 * Drops a table's foreign keys inside the caller's transaction and returns their definitions.
 * Checked row by row, they cost most of a large COPY; added back by `restoreForeignKeys`, each is
 * validated by one join over all rows. Only where the transaction holds the database anyway
 * (PGlite's one connection): on PostgreSQL the ALTER would block every reader of the table.
 */
export async function dropForeignKeys(raw: RawSession, table: string): Promise<DeferredConstraint[]> {
  const foreignKeys = await raw.query<DeferredConstraint>(
    `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = $1::regclass and contype = 'f' order by conname`,
    [table],
  );
  for (const fk of foreignKeys)
    await raw.query(`alter table ${quote(table)} drop constraint ${quote(fk.name)}`);
  return foreignKeys;
}

/** Adds back what `dropForeignKeys` took off, checking every row again. */
export async function restoreForeignKeys(
  raw: RawSession,
  table: string,
  foreignKeys: readonly DeferredConstraint[],
): Promise<void> {
  for (const fk of foreignKeys) {
    await raw.query(`alter table ${quote(table)} add constraint ${quote(fk.name)} ${fk.definition}`);
  }
}

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
