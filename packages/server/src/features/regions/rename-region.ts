import { doorSortKey } from "@shequ/core/door";
import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { refreshAddressKeys } from "../residents/refresh-address-keys";
import { uniqueNameConflict } from "./add-region";
import { selectSiblingByName } from "./queries";
import { assertRegionInScope } from "./scope";

/**
 * Renames a region inside the user's scope. Community to unit names are part of every resident's
 * walking-order key, so those keys are rebuilt in the same transaction. Audited with the field
 * name only.
 */
export async function renameRegion(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { regionId: string; name: string },
): Promise<Region> {
  requirePermission(user, "region.write");
  const region = await assertRegionInScope(db, user, opts.regionId);
  const name = opts.name.trim();
  if (name === region.name) return region;
  const sibling = await selectSiblingByName(db, region.parent_id, name);
  if (sibling)
    throw new AppError("conflict", `A region named "${name}" already exists here`, { id: sibling.id });
  try {
    return await inTransaction(db, async (trx) => {
      const renamed = await trx
        .updateTable("regions")
        .set({ name, sort_key: doorSortKey(name) })
        .where("id", "=", region.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await refreshAddressKeys(trx, renamed);
      await recordAudit(trx, {
        userId: user.id,
        action: "region.rename",
        entityType: "region",
        entityId: region.id,
        details: { fields: ["name"] },
      });
      return renamed;
    });
  } catch (error) {
    throw uniqueNameConflict(error, name);
  }
}
