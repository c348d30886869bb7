import type { Kysely } from "kysely";
import type { Campaign, Database } from "../../db/schema";
import { AppError, type FieldIssue } from "../../errors";
import type { SessionUser } from "../../http";
import { assertRegionInScope } from "../regions/scope";
import type { SiteUpdateInput } from "./campaign-schema";
import { listCampaignRegions } from "./queries";

/**
 * Checks a point's windows and served regions before anything is written: every window ends after
 * it starts, and every served region lies both in the user's area and in the round. Throws one
 * validation error listing every problem; returns the served regions without duplicates.
 */
export async function checkSiteInput(
  db: Kysely<Database>,
  user: SessionUser,
  campaign: Campaign,
  input: Pick<SiteUpdateInput, "windows" | "regionIds">,
): Promise<string[] | undefined> {
  const issues: FieldIssue[] = [];
  input.windows?.forEach((w, i) => {
    if (new Date(w.endsAt) <= new Date(w.startsAt)) {
      issues.push({
        field: `windows.${i}.endsAt`,
        reason: "ends_before_start",
        message: `Opening window ${i + 1} ends before it starts`,
      });
    }
  });
  const regionIds = input.regionIds ? [...new Set(input.regionIds)] : undefined;
  if (regionIds) {
    const scope = await listCampaignRegions(db, campaign.id);
    for (const [i, id] of regionIds.entries()) {
      const region = await assertRegionInScope(db, user, id);
      if (!scope.some((s) => region.path.startsWith(s.path))) {
        issues.push({
          field: `regionIds.${i}`,
          reason: "outside_campaign",
          message: "A served region lies outside the round's scope",
        });
      }
    }
  }
  if (issues.length) throw new AppError("validation", issues.map((i) => i.message).join("; "), { issues });
  return regionIds;
}

/** Points change while a round is planned or running; a closed round is the record. */
export function assertSitesEditable(campaign: Campaign): void {
  if (campaign.status === "closed") {
    throw new AppError("conflict", "The round is closed: its points can no longer change");
  }
}
