import { parseArgs } from "node:util";
import type { ScheduleResult } from "../../features/campaigns/campaign-schema";
import { scheduleCampaign } from "../../features/campaigns/schedule-campaign";
import { asSessionUser } from "../../features/imports/actor";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

export const usage = "schedule <round id>";

/**
 * `shequ schedule`: the same scheduling as the API's "schedule" button, run by the operator (an
 * unscoped administrator), printing the load per point and the finish against the deadline.
 */
export async function run(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: {} });
  const [campaignId] = positionals;
  if (!campaignId || positionals.length > 1) throw new UsageError(`give one round id: shequ ${usage}`);
  const operator = asSessionUser({ id: null, role: "admin", scope: null });
  const result = await withDatabase((handle) => scheduleCampaign(handle, operator, { campaignId }));
  console.log(describeSchedule(result));
}

/** The schedule in the words a subdistrict officer uses. */
export function describeSchedule(r: ScheduleResult): string {
  const lines = [
    `${r.campaign.name}: ${r.households} households, ${r.walkers} people at points, ${r.homebound} at home (${r.homeRuns.runs} home runs)`,
  ];
  for (const site of r.sites) {
    lines.push(`  ${site.name}: ${site.booked}/${site.capacity} booked, finishes ${site.finish ?? "—"}`);
  }
  lines.push(
    r.onTime
      ? `Finishes ${r.finish ?? "—"}, before the deadline ${r.deadline}.`
      : `Does not finish by ${r.deadline}: ${r.shortPeople + r.latePeople} people short, about ${r.shortLaneHours} more lane-hours needed.`,
  );
  if (r.mode === "partial") {
    lines.push(`Running round: moved ${r.moved} households not yet sampled; send them the adjusted notice.`);
  }
  if (r.unassigned.total > 0) {
    const reasons = Object.entries(r.unassigned.byReason).map(([reason, n]) => `${reason} ${n}`);
    lines.push(`Not scheduled: ${r.unassigned.total} households (${reasons.join(", ")}).`);
  }
  return lines.join("\n");
}
