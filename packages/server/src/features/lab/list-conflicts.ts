import type { ConflictView, TubeResult } from "@shequ/core/lab-results";

import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { siteVisible } from "../station/find-station-point";

export type ConflictStatus = "open" | "settled";

/** Conflicts over tubes of the user's area: open ones oldest first (work them in order), settled ones newest first. */
export async function listConflicts(
  db: Kysely<Database>,
  user: SessionUser,
  status: ConflictStatus,
): Promise<ConflictView[]> {
  requirePermission(user, "lab.results");
  const rows = await db
    .selectFrom("result_conflicts as c")
    .innerJoin("tubes as t", "t.id", "c.tube_id")
    .innerJoin("sites as s", "s.id", "t.site_id")
    .innerJoin("campaigns as k", "k.id", "t.campaign_id")
    .innerJoin("result_batches as b", "b.id", "c.batch_id")
    .leftJoin("tube_results as r", "r.tube_id", "t.id")
    .leftJoin("users as u", "u.id", "c.settled_by")
    .select([
      "c.id",
      "t.barcode",
      "t.campaign_id",
      "k.name as campaign_name",
      "s.name as site_name",
      "r.result as current_result",
      "r.tested_at as current_tested_at",
      "c.result",
      "c.tested_at",
      "c.batch_id",
      "b.source",
      "b.file_name",
      "c.created_at",
      "c.settled_at",
      "u.display_name as settled_by",
      "c.settled_keep",
      "c.settle_reason",
      "c.previous_result",
    ])
    .where(siteVisible(user, "s"))
    .where("c.settled_at", status === "open" ? "is" : "is not", null)
    .orderBy(status === "open" ? sql`c.created_at asc` : sql`c.settled_at desc`)
    .orderBy("c.id")
    .limit(500)
    .execute();
  const iso = (v: Date | string) => new Date(v).toISOString();
  return rows.map((r) => ({
    id: r.id,
    barcode: r.barcode,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    siteName: r.site_name,
    current:
      r.current_result && r.current_tested_at
        ? { result: r.current_result, testedAt: iso(r.current_tested_at) }
        : null,
    incoming: { result: r.result as TubeResult, testedAt: iso(r.tested_at) },
    batchId: r.batch_id,
    batchSource: r.source,
    batchFileName: r.file_name,
    createdAt: iso(r.created_at),
    settled:
      r.settled_at && r.settled_keep
        ? {
            at: iso(r.settled_at),
            by: r.settled_by,
            keep: r.settled_keep,
            reason: r.settle_reason ?? "",
            previousResult: (r.previous_result as TubeResult | null) ?? null,
          }
        : null,
  }));
}
