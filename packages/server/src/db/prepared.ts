import { sql } from "kysely";
import pg from "pg";

// The station's hot statements run a hundred times a second with the same text and new values.
// Sent unnamed (what Kysely does), each is parsed and analysed afresh: a statement marked
// PREPARED is sent as a named prepared statement instead, parsed once per connection.
//
// It is still planned for every execution with its values (plan_cache_mode force_custom_plan,
// set on each of Shequ's connections). A cached generic plan would save the planning too, but
// it is made once from the statistics of that moment: in bench:checkin, plans made as a round
// began, with station_scans and tubes a few pages long, scanned those tables whole until
// autovacuum analysed them again, and two runs in four fell to 5,000 scans/s at the target
// rate with p50 52–130 ms. Planned for each execution, a plan follows the tables as they grow.
// Measured (ARCHITECTURE.md): PostgreSQL's CPU per 1,000 scans 98–125 ms, 111–142 unnamed.
//
// Mark only statements whose text takes a bounded number of shapes (values as parameters,
// lists as arrays): each shape stays prepared on every connection of the pool. A pooler in
// transaction mode between Shequ and PostgreSQL must keep prepared statements (PgBouncer 1.21
// or later, max_prepared_statements). PGlite reads the mark as the comment it is.

const MARK = "/* prepared */";

/** Put in front of a statement (`sql\`${PREPARED}with …\``) or a select's columns (`.modifyFront(PREPARED)`). */
export const PREPARED = sql.raw(MARK);

/** Statement shapes kept at most: past this (a mark on a statement whose text varies), unnamed. */
export const MAX_PREPARED_SHAPES = 256;
const names = new Map<string, string>();

/** The prepared statement's name for a marked text, or undefined to send it unnamed. */
export function preparedName(text: string): string | undefined {
  if (!text.includes(MARK)) return undefined;
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_SHAPES) {
    name = `shequ_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** pg's client, sending marked statements as named prepared statements. */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes them all through
  override query(...args: any[]): any {
    const [text, values] = args;
    if (typeof text === "string" && Array.isArray(values) && args.length === 2) {
      const name = preparedName(text);
      if (name) return super.query({ name, text, values });
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}

/**
 * For the pool's "connect" event: prepared statements planned with each execution's values. An
 * engine without the setting (an older PostgreSQL-compatible one) keeps its own way.
 */
export function planEachExecution(client: pg.PoolClient): void {
  client.query("set plan_cache_mode = force_custom_plan").catch(() => {});
}
