import type { Allocation } from "@shequ/core/slot-allocation";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import type { Database } from "../../db/schema";

const BATCH = 1000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Replaces a campaign's stored schedule wholesale: slots, assignments and home runs. Call it
 * inside the transaction that checked the campaign's status, so a failure leaves the old one.
 * A household whose point or time changed gets its revision bumped (its notice must go out
 * again); returns how many did.
 */
export async function replaceSchedule(
  trx: Kysely<Database>,
  campaignId: string,
  allocation: Allocation,
): Promise<number> {
  const before = await trx
    .selectFrom("slot_assignments as a")
    .innerJoin("slots as s", "s.id", "a.slot_id")
    .select(["a.household_id", "a.revision", "s.site_id", "s.starts_at"])
    .where("a.campaign_id", "=", campaignId)
    .execute();
  const told = new Map(
    before.map((b) => [
      b.household_id,
      { at: `${b.site_id}|${new Date(b.starts_at).getTime()}`, revision: b.revision },
    ]),
  );
  await trx
    .deleteFrom("home_run_stops")
    .where("run_id", "in", (q) =>
      q.selectFrom("home_runs").select("id").where("campaign_id", "=", campaignId),
    )
    .execute();
  await trx.deleteFrom("home_runs").where("campaign_id", "=", campaignId).execute();
  await trx.deleteFrom("slot_assignments").where("campaign_id", "=", campaignId).execute();
  await trx.deleteFrom("slots").where("campaign_id", "=", campaignId).execute();

  const slotIds = new Map<string, string>();
  const slots = allocation.slots.map((s) => {
    const id = newId();
    slotIds.set(`${s.pointId}|${s.start}`, id);
    return {
      id,
      campaign_id: campaignId,
      site_id: s.pointId,
      starts_at: new Date(s.start),
      ends_at: new Date(s.end),
      capacity: s.capacity,
      booked: s.booked,
    };
  });
  await insertInBatches(slots, (b) => trx.insertInto("slots").values(b).execute());

  let moved = 0;
  const assignments = allocation.assignments.map((a) => {
    const at = `${a.pointId}|${a.start}`;
    const prior = told.get(a.householdId);
    const changed = prior !== undefined && prior.at !== at;
    if (changed) moved++;
    return {
      campaign_id: campaignId,
      household_id: a.householdId,
      slot_id: slotIds.get(at) as string,
      people: a.people,
      revision: prior ? prior.revision + (changed ? 1 : 0) : 1,
    };
  });
  await insertInBatches(assignments, (b) => trx.insertInto("slot_assignments").values(b).execute());

  const runs = allocation.homeRuns.map((r, i) => ({ id: newId(), run: r, seq: i + 1 }));
  await insertInBatches(runs, (b) =>
    trx
      .insertInto("home_runs")
      .values(
        b.map((r) => ({
          id: r.id,
          campaign_id: campaignId,
          building_id: r.run.buildingId,
          seq: r.seq,
          people: r.run.people,
        })),
      )
      .execute(),
  );
  const stops = runs.flatMap((r) =>
    r.run.stops.map((s, i) => ({ run_id: r.id, household_id: s.householdId, seq: i + 1, people: s.people })),
  );
  await insertInBatches(stops, (b) => trx.insertInto("home_run_stops").values(b).execute());
  return moved;
}
