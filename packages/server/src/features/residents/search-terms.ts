import { normalizeIdText } from "@shequ/core/id-number";
import { escapeLike } from "../../db/like";

/** What a search box entry is matched against; `pattern` is a ready LIKE prefix pattern. */
export type SearchTerm =
  | { kind: "name"; pattern: string }
  | { kind: "phone_or_id"; pattern: string }
  | { kind: "id_number"; pattern: string };

/**
 * Tells a name from a phone or ID number by its characters: digits alone are a phone or ID
 * prefix (15 or more digits can only be an ID); letters mixed with digits, or an ID-shaped value
 * ending in X, are a document number; anything else is the start of a name. Full-width digits
 * and spaces or dashes in numbers ("138 1234") are tolerated.
 */
export function readSearchTerm(q: string): SearchTerm | undefined {
  const text = q.trim();
  if (text === "") return undefined;
  const compact = normalizeIdText(text).replace(/[\s-]/g, "");
  if (/^\d+$/.test(compact)) {
    const pattern = `${compact}%`;
    return compact.length >= 15 ? { kind: "id_number", pattern } : { kind: "phone_or_id", pattern };
  }
  if (/^[0-9A-Z]+$/.test(compact) && /\d/.test(compact)) return { kind: "id_number", pattern: `${compact}%` };
  return { kind: "name", pattern: `${escapeLike(text)}%` };
}
