import { joinAddressKey } from "@shequ/core/address-key";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { pathPrefixPattern, type RegionRef } from "../regions/scope";

const KEYED_LEVELS = new Set(["community", "grid", "building", "unit"]);
const UNITS_PER_STATEMENT = 500;

/**
 * Rebuilds the walking-order key of every resident below a renamed region, since the key holds
 * the sort keys of community, grid, building and unit. Regions above community are not in the
 * key, so renaming them changes nothing here. Run it in the rename's transaction.
 */
export async function refreshAddressKeys(db: Kysely<Database>, region: RegionRef): Promise<void> {
  if (!KEYED_LEVELS.has(region.level)) return;
  const units = await db
    .selectFrom("regions")
    .select(["id", "path"])
    .where("level", "=", "unit")
    .where(sql<boolean>`path like ${pathPrefixPattern(region.path)}`)
    .execute();
  if (units.length === 0) return;
  const ancestorIds = [...new Set(units.flatMap((u) => u.path.split("/").filter(Boolean).slice(4, 8)))];
  const keys = new Map(
    (await db.selectFrom("regions").select(["id", "sort_key"]).where("id", "in", ancestorIds).execute()).map(
      (r) => [r.id, r.sort_key],
    ),
  );
  const prefixes = units.map((u) => {
    const chain = u.path.split("/").filter(Boolean).slice(4, 8);
    // An empty last part leaves the trailing separator, so prefix || door key is the full key.
    return { unitId: u.id, prefix: joinAddressKey([...chain.map((id) => keys.get(id) ?? ""), ""]) };
  });
  for (let i = 0; i < prefixes.length; i += UNITS_PER_STATEMENT) {
    const batch = prefixes.slice(i, i + UNITS_PER_STATEMENT);
    await sql`
      update residents as r set address_key = v.prefix || h.sort_key
      from (values ${sql.join(batch.map((b) => sql`(${b.unitId}::uuid, ${b.prefix}::text)`))}) as v(unit_id, prefix),
        households as h
      where r.unit_id = v.unit_id and h.id = r.household_id`.execute(db);
  }
}
