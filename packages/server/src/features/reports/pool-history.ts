import { prevalenceFromPositivePools } from "@shequ/core/pool-size-advice";
import type { PoolHistory } from "@shequ/core/report-schema";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { campaignVisible } from "../campaigns/queries";

/**
 * The latest round the user may see (not a draft) with lab results, and the share of its pooled
 * tubes that came back positive: the prevalence the next round's pool size is chosen for. Single
 * tubes (fever, recalls) are left out: they are not a sample of the population.
 */
export async function getPoolHistory(db: Kysely<Database>, user: SessionUser): Promise<PoolHistory> {
  requirePermission(user, "campaign.read");
  const round = await db
    .selectFrom("campaigns")
    .select(["id", "name", "pool_size"])
    .where(campaignVisible(user))
    .where("status", "<>", "draft")
    .where((eb) =>
      eb.exists(
        eb.selectFrom("tube_results as r").select("r.tube_id").whereRef("r.campaign_id", "=", "campaigns.id"),
      ),
    )
    .orderBy("starts_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!round) return { lastRound: null };
  const counts = await sql<{ tested: number; positive: number }>`
    select count(*)::int as tested, count(*) filter (where r.result = 'positive')::int as positive
    from tube_results r join tubes t on t.id = r.tube_id
    where r.campaign_id = ${round.id} and not t.single and r.result in ('negative', 'positive')`.execute(db);
  const tested = Number(counts.rows[0]?.tested ?? 0);
  const positive = Number(counts.rows[0]?.positive ?? 0);
  if (tested === 0) return { lastRound: null };
  const positiveRate = positive / tested;
  return {
    lastRound: {
      campaignId: round.id,
      name: round.name,
      poolSize: round.pool_size,
      pooledTubes: tested,
      positiveTubes: positive,
      positiveRate,
      prevalence: prevalenceFromPositivePools(positiveRate, round.pool_size),
    },
  };
}
