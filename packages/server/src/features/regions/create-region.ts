import { doorSortKey } from "@shequ/core/door";
import { childLevel, type RegionLevel } from "@shequ/core/regions";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";

/**
 * Adds a region under a parent (or a root province when parentId is null). The level must be
 * the one right below the parent's; names are unique among siblings.
 */
export async function createRegion(
  db: Kysely<Database>,
  opts: { parentId: string | null; level: RegionLevel; name: string; code?: string | null },
): Promise<Region> {
  const name = opts.name.trim();
  if (!name)
    throw new AppError("validation", "Region name is empty", {
      issues: [{ field: "name", reason: "empty", message: "Region name is empty" }],
    });
  let parentPath = "/";
  if (opts.parentId) {
    const parent = await db
      .selectFrom("regions")
      .selectAll()
      .where("id", "=", opts.parentId)
      .executeTakeFirst();
    if (!parent) throw new AppError("not_found", "Parent region not found");
    if (childLevel(parent.level as RegionLevel) !== opts.level) {
      throw new AppError("validation", `A ${opts.level} cannot be placed under a ${parent.level}`);
    }
    parentPath = parent.path;
  } else if (opts.level !== "province") {
    throw new AppError("validation", "Only a province can be a root region");
  }
  const id = newId();
  const row = {
    id,
    parent_id: opts.parentId,
    level: opts.level,
    name,
    code: opts.code ?? null,
    sort_key: doorSortKey(name),
    path: `${parentPath}${id}/`,
  };
  const existing = await db
    .selectFrom("regions")
    .select("id")
    .where("name", "=", name)
    .where((eb) => (opts.parentId ? eb("parent_id", "=", opts.parentId) : eb("parent_id", "is", null)))
    .executeTakeFirst();
  if (existing)
    throw new AppError("conflict", `A region named "${name}" already exists here`, { id: existing.id });
  return db.insertInto("regions").values(row).returningAll().executeTakeFirstOrThrow();
}
