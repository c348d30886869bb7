import type { Allocation } from "@shequ/core/slot-allocation";
import type { RawSession } from "../../db/client";
import { dropForeignKeys, restoreForeignKeys } from "../../db/deferred-foreign-keys";
import { newId } from "../../db/ids";

/** From here on, checking the keys once at the end beats checking them row by row (PGlite). */
const DEFER_KEYS_FROM = 50_000;

/** A CSV field for COPY: ids and numbers only, never text from users. */
const line = (fields: readonly (string | number)[]) => `${fields.join(",")}\n`;

/**
 * Replaces a campaign's stored schedule wholesale with COPY: slots, assignments and home runs.
 * Call it inside the bulk transaction that locked the campaign and checked its status, so a
 * failure leaves the old schedule. A household whose point or time changed gets its revision
 * bumped (its notice must go out again); returns how many did. `mayDeferKeys` (PGlite, whose one
 * connection the transaction holds anyway) lets a large plan check its foreign keys once at the
 * end instead of row by row.
 */
export async function replaceSchedule(
  raw: RawSession,
  campaignId: string,
  allocation: Allocation,
  opts: { mayDeferKeys: boolean; deferKeysFrom?: number },
): Promise<number> {
  const before = await raw.query<{
    household_id: string;
    revision: number;
    site_id: string;
    start_ms: number;
  }>(
    `select a.household_id, a.revision, s.site_id, (extract(epoch from s.starts_at) * 1000)::float8 as start_ms
       from slot_assignments a join slots s on s.id = a.slot_id where a.campaign_id = $1`,
    [campaignId],
  );
  const told = new Map(
    before.map((b) => [b.household_id, { at: `${b.site_id}|${Number(b.start_ms)}`, revision: b.revision }]),
  );
  // A household without a slot so far continues after whatever it was last told (a home visit,
  // or a slot it lost), so its new slot counts as news for the notices.
  const noticed = new Map(
    (
      await raw.query<{ household_id: string; revision: number }>(
        "select household_id, revision from notice_states where campaign_id = $1",
        [campaignId],
      )
    ).map((n) => [n.household_id, n.revision]),
  );
  await raw.query(
    "delete from home_run_stops where run_id in (select id from home_runs where campaign_id = $1)",
    [campaignId],
  );
  for (const table of ["home_runs", "slot_assignments", "slots"]) {
    await raw.query(`delete from ${table} where campaign_id = $1`, [campaignId]);
  }

  const slotIds = new Map<string, string>();
  let csv = "";
  for (const s of allocation.slots) {
    const id = newId();
    slotIds.set(`${s.pointId}|${s.start}`, id);
    csv += line([
      id,
      campaignId,
      s.pointId,
      new Date(s.start).toISOString(),
      new Date(s.end).toISOString(),
      s.capacity,
      s.booked,
    ]);
  }
  if (csv) await raw.copyCsv("slots (id, campaign_id, site_id, starts_at, ends_at, capacity, booked)", csv);

  let moved = 0;
  const rows: string[] = [];
  for (const a of allocation.assignments) {
    const at = `${a.pointId}|${a.start}`;
    const prior = told.get(a.householdId);
    const changed = prior !== undefined && prior.at !== at;
    if (changed) moved++;
    const revision = prior ? prior.revision + (changed ? 1 : 0) : (noticed.get(a.householdId) ?? 0) + 1;
    rows.push(line([campaignId, a.householdId, slotIds.get(at) as string, a.people, revision]));
  }
  const deferred =
    opts.mayDeferKeys && rows.length >= (opts.deferKeysFrom ?? DEFER_KEYS_FROM)
      ? await dropForeignKeys(raw, "slot_assignments")
      : [];
  if (rows.length) {
    await raw.copyCsv(
      "slot_assignments (campaign_id, household_id, slot_id, people, revision)",
      rows.join(""),
    );
  }
  await restoreForeignKeys(raw, "slot_assignments", deferred);

  let runs = "";
  let stops = "";
  allocation.homeRuns.forEach((run, i) => {
    const id = newId();
    runs += line([id, campaignId, run.buildingId, i + 1, run.people]);
    run.stops.forEach((stop, j) => {
      stops += line([id, stop.householdId, j + 1, stop.people]);
    });
  });
  if (runs) await raw.copyCsv("home_runs (id, campaign_id, building_id, seq, people)", runs);
  if (stops) await raw.copyCsv("home_run_stops (run_id, household_id, seq, people)", stops);
  return moved;
}
