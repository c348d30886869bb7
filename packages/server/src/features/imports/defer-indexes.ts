import type { DbHandle, RawSession } from "../../db/client";
import {
  type DeferredConstraint,
  dropForeignKeys,
  quote,
  restoreForeignKeys,
} from "../../db/deferred-foreign-keys";

/** A CSV line of the import template is 90–110 bytes; a lower guess only makes deferral rarer. */
const BYTES_PER_ROW_AT_LEAST = 150;
/** Below this, keeping the indexes up to date row by row costs less than rebuilding them. */
const MIN_DEFERRED_ROWS = 50_000;

export type DeferredIndex = DeferredConstraint;

/** What `dropSecondaryIndexes` took off residents, for `restoreIndexes` to put back. */
export interface DeferredChecks {
  indexes: DeferredIndex[];
  /** Foreign keys: checked row by row on insert, but by one join when added back. */
  foreignKeys: DeferredIndex[];
}

/**
 * Whether a commit should drop the residents table's secondary indexes and build them again at
 * the end. Building an index from sorted rows is several times cheaper than inserting a
 * million rows into eleven indexes one at a time (most of an import's time on PGlite), but the
 * rebuild covers the rows already there too, so it pays only when the file is at least as big as
 * the table. PGlite only: it has one connection that the import holds anyway, whereas on
 * PostgreSQL dropping an index would block every reader of residents until the commit.
 */
export async function shouldDeferIndexes(
  handle: DbHandle,
  raw: RawSession,
  fileBytes: number,
): Promise<boolean> {
  if (handle.kind !== "pglite") return false;
  const expectedRows = fileBytes / BYTES_PER_ROW_AT_LEAST;
  if (expectedRows < MIN_DEFERRED_ROWS) return false;
  const [row] = await raw.query<{ n: number }>(
    "select count(*) as n from (select 1 from residents limit $1) r",
    [Math.ceil(expectedRows)],
  );
  return Number(row?.n ?? 0) < expectedRows;
}

/**
 * Drops the secondary indexes and foreign keys of residents (not the primary key or unique
 * constraints, which the upsert needs) and returns their definitions for `restoreIndexes`,
 * which validates every row again when it adds the foreign keys back. Run it inside the
 * import's transaction: a rollback brings them back.
 */
export async function dropSecondaryIndexes(raw: RawSession): Promise<DeferredChecks> {
  const foreignKeys = await dropForeignKeys(raw, "residents");
  const indexes = await raw.query<DeferredIndex>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = 'residents'::regclass and not x.indisunique and not x.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by i.relname`,
  );
  if (indexes.length > 0) {
    await raw.query(`drop index ${indexes.map((ix) => quote(ix.name)).join(", ")}`);
  }
  return { indexes, foreignKeys };
}

/**
 * Builds what `dropSecondaryIndexes` dropped, with the original definitions. With half the usual
 * sort memory: PGlite's WebAssembly memory only grows, and at a million rows the builds with
 * 64 MB made the import 13 % slower and its peak RSS 30–45 MB higher than with 32 MB (two pairs
 * of runs; 16 MB was no better).
 */
export async function restoreIndexes(raw: RawSession, deferred: DeferredChecks | undefined): Promise<void> {
  if (!deferred) return;
  await raw.query("set local maintenance_work_mem = '32MB'");
  for (const ix of deferred.indexes) await raw.query(ix.definition);
  await restoreForeignKeys(raw, "residents", deferred.foreignKeys);
}
