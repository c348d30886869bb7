import { countKnownHeaders } from "@shequ/core/import-columns";
import { isBlankRow } from "./check-row";
import type { SheetRow } from "./read-sheet";

/** How far down a header row is looked for: below a title and a note or two, not further. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row: the first of the top non-blank rows that names at least three known
 * columns (or one the user mapped), so a title row such as "杨家园社区居民花名册" above the
 * header is skipped; failing that, the first non-blank row. Returns the header and the rows
 * below it, the ones already read included.
 */
export async function findHeader(
  batches: AsyncGenerator<SheetRow[]>,
  userMapping: Readonly<Record<string, string>>,
): Promise<{ header: SheetRow; rows: () => AsyncGenerator<SheetRow[]> } | undefined> {
  const seen: SheetRow[] = [];
  let nonBlank = 0;
  let ended = false;
  while (nonBlank < HEADER_SEARCH_ROWS) {
    const next = await batches.next();
    if (next.done) {
      ended = true;
      break;
    }
    for (const row of next.value) {
      seen.push(row);
      if (!isBlankRow(row.cells)) nonBlank++;
    }
  }
  const candidates = seen.filter((r) => !isBlankRow(r.cells)).slice(0, HEADER_SEARCH_ROWS);
  const header =
    candidates.find(
      (r) =>
        countKnownHeaders(r.cells) >= 3 ||
        r.cells.some((c) => c.trim() !== "" && Object.hasOwn(userMapping, c.trim())),
    ) ?? candidates[0];
  if (!header) return undefined;
  const rest = seen.slice(seen.indexOf(header) + 1);
  return {
    header,
    rows: async function* () {
      if (rest.length > 0) yield rest;
      if (!ended) yield* batches;
    },
  };
}
