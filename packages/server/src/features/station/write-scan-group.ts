import { type Insertable, sql, type Transaction } from "kysely";
import { newId } from "../../db/ids";
import type { Database, SampleTable, StationScanTable, TubeTable } from "../../db/schema";
import { insertSamples } from "../command/fold-samples";
import { markResampled } from "./queries";
import type { PreparedScans } from "./record-scans";
import type { TubeRow } from "./scan-outcome";
import type { ScanResult } from "./station-schema";

/** The group's writes: new tubes, moved counters, scan rows, samples and one audit row per POST. */
export async function writeScanGroup(
  trx: Transaction<Database>,
  w: {
    group: PreparedScans[];
    out: ScanResult[][];
    newTubes: TubeRow[];
    dirty: Set<TubeRow>;
    scanRows: Insertable<StationScanTable>[];
    samples: Insertable<SampleTable>[];
    /** Recalled people sampled again in a single tube. */
    resampled: { recallId: string; sampleId: string }[];
  },
): Promise<void> {
  const fresh = new Set(w.newTubes);
  if (w.newTubes.length > 0) {
    await trx
      .insertInto("tubes")
      .values(w.newTubes.map(({ created_at, ...t }) => t as Insertable<TubeTable>))
      .execute();
  }
  const moved = [...w.dirty].filter((t) => !fresh.has(t));
  if (moved.length > 0) {
    await sql`update tubes t set people = v.people, status = v.status, sealed_at = v.sealed_at
      from unnest(${moved.map((t) => t.id)}::uuid[], ${moved.map((t) => t.people)}::int[],
        ${moved.map((t) => t.status)}::text[], ${moved.map((t) => (t.sealed_at === null ? null : new Date(t.sealed_at).toISOString()))}::timestamptz[])
        as v(id, people, status, sealed_at)
      where t.id = v.id`.execute(trx);
  }
  if (w.scanRows.length > 0) await trx.insertInto("station_scans").values(w.scanRows).execute();
  await insertSamples(trx, w.samples);
  await markResampled(trx, w.resampled);
  await trx
    .insertInto("audit_log")
    .values(
      w.group.map((p, i) => {
        const counts = { applied: 0, duplicate: 0, rejected: 0 };
        for (const r of w.out[i] ?? []) counts[r.status] += 1;
        return {
          id: newId(),
          user_id: p.user.id,
          action: "station.scans",
          entity_type: "station",
          entity_id: p.stationId,
          details: JSON.stringify({
            scans: p.scans.length,
            ...counts,
            points: [...p.points.values()].map((x) => x.site.id),
          }),
        };
      }),
    )
    .execute();
}
