import { levelDepth, type RegionLevel } from "@shequ/core/regions";
import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import { escapeLike } from "../../db/like";
import type { Database } from "../../db/schema";

export interface RegionRow {
  id: string;
  level: RegionLevel;
  name: string;
  path: string;
}

/** An account as stored, with its scope region's path for scope checks; never the password hash. */
export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scopeRegionId: string | null;
  scopePath: string | null;
  active: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** How a scope region is shown: its names from the subdistrict down, e.g. "酒泉路街道 / 杨家园社区". */
export interface ScopeView {
  id: string;
  level: string;
  name: string;
  path: string;
}

const SUBDISTRICT_DEPTH = levelDepth("subdistrict");

export async function findRegion(db: Kysely<Database>, id: string): Promise<RegionRow | undefined> {
  const row = await db
    .selectFrom("regions")
    .select(["id", "level", "name", "path"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, level: row.level as RegionLevel } : undefined;
}

/** Regions with this name, any level; the CLI resolves "酒泉路街道/杨家园社区" name by name. */
export async function findRegionsNamed(
  db: Kysely<Database>,
  name: string,
  parentIds?: string[],
): Promise<RegionRow[]> {
  if (parentIds && parentIds.length === 0) return [];
  let query = db.selectFrom("regions").select(["id", "level", "name", "path"]).where("name", "=", name);
  if (parentIds) query = query.where("parent_id", "in", parentIds);
  const rows = await query.orderBy("path").limit(50).execute();
  return rows.map((r) => ({ ...r, level: r.level as RegionLevel }));
}

/**
 * Describes many scope regions with one query over their ancestors. The province, city and
 * district are the same for everyone in a deployment, so names start at the subdistrict unless the
 * region itself is higher up.
 */
export async function describeScopes(
  db: Kysely<Database>,
  regionIds: readonly string[],
): Promise<Map<string, ScopeView>> {
  const out = new Map<string, ScopeView>();
  const unique = [...new Set(regionIds)];
  if (unique.length === 0) return out;
  const regions = await db.selectFrom("regions").select(["id", "path"]).where("id", "in", unique).execute();
  const ancestorIds = new Set(regions.flatMap((r) => splitPath(r.path)));
  const ancestors = await db
    .selectFrom("regions")
    .select(["id", "level", "name"])
    .where("id", "in", [...ancestorIds])
    .execute();
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  for (const region of regions) {
    const chain = splitPath(region.path).flatMap((id) => {
      const a = byId.get(id);
      return a ? [a] : [];
    });
    const self = chain.at(-1);
    if (!self) continue;
    const shown =
      levelDepth(self.level as RegionLevel) >= SUBDISTRICT_DEPTH
        ? chain.filter((a) => levelDepth(a.level as RegionLevel) >= SUBDISTRICT_DEPTH)
        : chain;
    out.set(region.id, {
      id: region.id,
      level: self.level,
      name: self.name,
      path: shown.map((a) => a.name).join(" / "),
    });
  }
  return out;
}

function splitPath(path: string): string[] {
  return path.split("/").filter(Boolean);
}

function baseUserQuery(db: Kysely<Database>) {
  return db
    .selectFrom("users as u")
    .leftJoin("regions as r", "r.id", "u.scope_region_id")
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.role",
      "u.scope_region_id",
      "r.path as scope_path",
      "u.active",
      "u.last_login_at",
      "u.created_at",
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseUserQuery>["executeTakeFirstOrThrow"]>>;

function toUserRow(row: BaseRow): UserRow {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scopeRegionId: row.scope_region_id,
    scopePath: row.scope_path,
    active: row.active,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
    createdAt: new Date(row.created_at),
  };
}

export async function findUserRow(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  const row = await baseUserQuery(db).where("u.id", "=", id).executeTakeFirst();
  return row ? toUserRow(row) : undefined;
}

export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  return !!row;
}

/** Accounts matching a search, inside a scope path (null = all), by username. */
export async function selectUsers(
  db: Kysely<Database>,
  opts: { q?: string; role?: Role; withinPath: string | null; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let query = baseUserQuery(db);
  if (opts.withinPath) query = query.where("r.path", "like", `${escapeLike(opts.withinPath)}%`);
  if (opts.role) query = query.where("u.role", "=", opts.role);
  const q = opts.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([eb("u.username", "ilike", pattern), eb("u.display_name", "ilike", pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    query.orderBy("u.username").limit(opts.limit).offset(opts.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toUserRow), total: Number(count.n) };
}

/** Escapes LIKE wildcards so a search for "a_b" matches only that text. */
