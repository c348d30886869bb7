import { childLevel, type RegionLevel } from "@shequ/core/regions";
import type { RegionCreateInput } from "@shequ/core/resident-schema";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database, Region } from "../../db/schema";
import { AppError, forbidden } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { createRegion } from "./create-region";
import { assertRegionInScope } from "./scope";

/**
 * Adds a region for a signed-in user: the parent must be inside their scope (404 otherwise, as
 * for any unseen id), and only a whole-system administrator may add a province. Audited.
 */
export async function addRegion(
  db: Kysely<Database>,
  user: SessionUser,
  input: RegionCreateInput,
): Promise<Region> {
  requirePermission(user, "region.write");
  if (input.parentId === null) {
    if (user.role !== "admin" || user.scope)
      throw forbidden("Only a whole-system administrator may add a province");
  } else {
    const parent = await assertRegionInScope(db, user, input.parentId);
    const expected = childLevel(parent.level as RegionLevel);
    if (expected !== input.level) {
      const message = expected
        ? `Below a ${parent.level} comes a ${expected}, not a ${input.level}`
        : "Nothing but households goes below a unit: add a household with a resident instead";
      throw new AppError("validation", message, {
        issues: [{ field: "level", reason: "level_mismatch", message }],
      });
    }
  }
  try {
    return await inTransaction(db, async (trx) => {
      const region = await createRegion(trx, {
        parentId: input.parentId,
        level: input.level,
        name: input.name,
        code: input.code ?? null,
      });
      await recordAudit(trx, {
        userId: user.id,
        action: "region.create",
        entityType: "region",
        entityId: region.id,
        details: { parentId: input.parentId, level: input.level },
      });
      return region;
    });
  } catch (error) {
    throw uniqueNameConflict(error, input.name);
  }
}

/** Two people adding the same name at once: the loser hears 409, as if they had been second. */
export function uniqueNameConflict(error: unknown, name: string): unknown {
  if ((error as { code?: string }).code === "23505") {
    return new AppError("conflict", `A region named "${name.trim()}" already exists here`);
  }
  return error;
}
