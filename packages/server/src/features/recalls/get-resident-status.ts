import { type Kysely, sql } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign, inCampaignScope, listCampaignRegions } from "../campaigns/queries";
import { loadResidentInScope } from "../residents/get-resident";
import { selectResidentRecalls, selectResidentSamples } from "./queries";
import type { ResidentRoundStatus, ResidentState } from "./recall-schema";

type Sample = ResidentRoundStatus["samples"][number];
type Recall = ResidentRoundStatus["recalls"][number];

const iso = (value: Date | string | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * One resident's round as their grid worker answers the phone: when and where they were
 * sampled, what their tube showed, whether they are recalled and what the re-sample showed.
 * Outside the user's area it is a 404; every look is audited, as it is a health record.
 */
export async function getResidentStatus(
  db: Kysely<Database>,
  user: SessionUser,
  opts: { residentId: string; campaignId: string },
): Promise<ResidentRoundStatus> {
  requirePermission(user, "recall.manage");
  return inTransaction(db, async (trx) => {
    const resident = await loadResidentInScope(trx, user, opts.residentId);
    const campaign = await findVisibleCampaign(trx, user, opts.campaignId);
    const regions = await listCampaignRegions(trx, campaign.id);
    const [inRound, sampleRows, recallRows] = await Promise.all([
      trx
        .selectFrom("residents as r")
        .select(sql<boolean>`${inCampaignScope(regions, "r")}`.as("inside"))
        .where("r.id", "=", resident.id)
        .executeTakeFirst(),
      selectResidentSamples(trx, campaign.id, resident.id),
      selectResidentRecalls(trx, campaign.id, resident.id),
    ]);
    await recordAudit(trx, {
      userId: user.id,
      action: "recall.resident_status",
      entityType: "resident",
      entityId: resident.id,
      details: { campaignId: campaign.id },
    });
    const recalls: Recall[] = recallRows.map((r) => ({
      id: r.id,
      reason: r.reason,
      tubeBarcode: r.barcode,
      status: r.status as Recall["status"],
      result: r.result as Recall["result"],
      createdAt: iso(r.created_at) as string,
      closedAt: iso(r.closed_at),
      homeSampling: r.home_sampling,
      controlledAt: iso(r.controlled_at),
    }));
    const firstRecall = recallRows[0]?.created_at;
    const samples: Sample[] = sampleRows.map((s) => ({
      sampleId: s.id,
      sampledAt: iso(s.sampled_at) as string,
      site: s.site_id && s.site_name ? { id: s.site_id, name: s.site_name } : null,
      tube:
        s.barcode && s.pool_size !== null
          ? {
              barcode: s.barcode,
              single: s.single === true,
              poolSize: s.pool_size,
              status: s.tube_status ?? "",
            }
          : null,
      result: (s.result ?? null) as Sample["result"],
      testedAt: iso(s.tested_at),
      fever: s.fever,
      resample:
        s.pool_size === 1 && firstRecall !== undefined && new Date(s.sampled_at) >= new Date(firstRecall),
    }));
    return {
      residentId: resident.id,
      campaign: { id: campaign.id, name: campaign.name },
      state: stateOf(inRound?.inside === true, samples, recalls),
      samples,
      recalls,
    };
  });
}

/** The one word for where the person stands; a positive single tube outweighs everything. */
export function stateOf(inRound: boolean, samples: Sample[], recalls: Recall[]): ResidentState {
  if (samples.some((s) => s.tube?.poolSize === 1 && s.result === "positive")) return "positive";
  if (recalls.some((r) => r.result === "positive")) return "positive";
  const recall = recalls.at(-1);
  if (recall) {
    if (recall.status === "open") return "recalled";
    if (recall.status === "resampled") return "resampled";
    return recall.result === "negative" ? "negative" : "recalled";
  }
  const last = samples.at(-1);
  if (!last) return inRound ? "not_sampled" : "not_in_round";
  if (!last.result) return "waiting";
  // A positive or invalid pooled tube without a recall cannot happen for a resident; if it ever
  // did, "recalled" sends them back to the point rather than reporting them clear.
  if (last.tube && last.tube.poolSize > 1 && last.result !== "negative") return "recalled";
  return last.result;
}
