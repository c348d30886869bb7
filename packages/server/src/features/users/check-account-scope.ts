import { levelDepth, REGION_LEVEL_LABELS, type RegionLevel } from "@shequ/core/regions";
import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import { findRegion, type RegionRow } from "./queries";

/**
 * Where each role may be scoped: a grid worker walks one grid, a community secretary runs a
 * community (or a part of it), a subdistrict officer oversees at least a whole subdistrict.
 */
const LEVEL_RULES: Partial<Record<Role, { fits: (depth: number) => boolean; needs: string }>> = {
  grid_worker: { fits: (d) => d === levelDepth("grid"), needs: "a grid" },
  community_secretary: {
    fits: (d) => d >= levelDepth("community"),
    needs: "a community (or a grid or building inside one)",
  },
  subdistrict_officer: {
    fits: (d) => d <= levelDepth("subdistrict"),
    needs: "a subdistrict (or a district, city or province)",
  },
};

/** A 422 naming one field, so the form can show the message beside the right input. */
export function fieldError(field: string, reason: string, message: string): AppError {
  return new AppError("validation", message, { issues: [{ field, reason, message }] });
}

/**
 * Checks that a role may have this scope and that the acting admin may grant it (an admin with a
 * scope can only hand out scopes inside their own). `actorScopePath` null means the whole system
 * (an unscoped admin, or the operator at the command line). `field` names the input to blame.
 */
export async function checkAccountScope(
  db: Kysely<Database>,
  opts: { role: Role; scopeRegionId: string | null; actorScopePath: string | null; field: string },
): Promise<RegionRow | null> {
  const { role, scopeRegionId, actorScopePath, field } = opts;
  if (!scopeRegionId) {
    if (role !== "admin") {
      throw fieldError(
        field,
        "required",
        `A ${role} account needs a scope: choose the region this person works in`,
      );
    }
    if (actorScopePath) {
      throw fieldError(
        field,
        "outside_scope",
        "You can only create accounts inside your own scope: choose a region for this admin",
      );
    }
    return null;
  }
  const region = await findRegion(db, scopeRegionId);
  if (!region) throw fieldError(field, "not_found", "The scope region does not exist");
  if (actorScopePath && !region.path.startsWith(actorScopePath)) {
    // Same answer as a missing region would leak that it exists; this one says what to do.
    throw fieldError(field, "outside_scope", "The scope region is outside your own scope");
  }
  const rule = LEVEL_RULES[role];
  if (rule && !rule.fits(levelDepth(region.level))) {
    const level = REGION_LEVEL_LABELS[region.level as RegionLevel]?.en.toLowerCase() ?? region.level;
    throw fieldError(field, "level", `A ${role} must be scoped to ${rule.needs}, not a ${level}`);
  }
  return region;
}
