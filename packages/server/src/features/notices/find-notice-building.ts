import type { Kysely } from "kysely";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { assertRegionInScope } from "../regions/scope";

/** A building in the user's area, or 404 (also for another level's id), so ids cannot be probed. */
export async function findNoticeBuilding(
  db: Kysely<Database>,
  user: SessionUser,
  buildingId: string,
): Promise<Region> {
  const building = await assertRegionInScope(db, user, buildingId);
  if (building.level !== "building") throw new AppError("not_found", "Building not found");
  return building;
}
