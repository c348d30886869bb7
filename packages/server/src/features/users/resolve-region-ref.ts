import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { fieldError } from "./check-account-scope";
import { findRegionsNamed } from "./queries";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns what an operator types for a scope into a region id: an id as it is, or a path of names
 * from any level down, such as "酒泉路街道/杨家园社区/第一网格". Names that match several regions
 * are refused with the candidates, so nobody is scoped to the wrong place by accident.
 */
export async function resolveRegionRef(db: Kysely<Database>, ref: string, field = "scope"): Promise<string> {
  const text = ref.trim();
  if (UUID.test(text)) return text.toLowerCase();
  const names = text
    .split(/[/／]/)
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw fieldError(field, "empty", "Give a region id or a path of names");
  let matches = await findRegionsNamed(db, names[0] as string);
  for (const name of names.slice(1)) {
    matches = await findRegionsNamed(
      db,
      name,
      matches.map((m) => m.id),
    );
  }
  const shown = names.join(" / ");
  if (matches.length === 0) throw fieldError(field, "not_found", `No region is named "${shown}"`);
  if (matches.length > 1) {
    const list = matches.map((m) => `${m.id} (${m.level})`).join(", ");
    throw fieldError(
      field,
      "ambiguous",
      `"${shown}" matches ${matches.length} regions: start the path higher up, or give an id: ${list}`,
    );
  }
  return (matches[0] as { id: string }).id;
}
