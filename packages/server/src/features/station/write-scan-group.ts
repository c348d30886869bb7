import { type Insertable, type Selectable, sql, type Transaction } from "kysely";
import { newId } from "../../db/ids";
import { PREPARED } from "../../db/prepared";
import type { AuditLogTable, Database, SampleTable, StationScanTable, TubeTable } from "../../db/schema";
import { insertRows, type NamedStatement, unnestRows, withStatements } from "../../db/unnest";
import { sampleWrites } from "../command/fold-samples";
import { resampledWrite } from "./queries";
import type { PreparedScans } from "./record-scans";
import type { ScanResult } from "./station-schema";

/**
 * A tube as the group's writes need it: read locked (its row as JSON, so times are strings), or
 * opened by the group.
 */
export type GroupTube = Pick<
  Selectable<TubeTable>,
  "id" | "barcode" | "campaign_id" | "site_id" | "station_id" | "pool_size" | "single" | "people" | "status"
> & { opened_by?: string | null; opened_at?: string; sealed_at: string | null };

/**
 * The group's writes as one statement (db/unnest.ts): new tubes, moved counters, scan rows,
 * samples and their places in the rollups' queue, recalls re-sampled, and one audit row per POST.
 * One round trip for the whole group however many stations are in it.
 */
export async function writeScanGroup(
  trx: Transaction<Database>,
  w: {
    group: PreparedScans[];
    out: ScanResult[][];
    newTubes: GroupTube[];
    dirty: Set<GroupTube>;
    scanRows: Insertable<StationScanTable>[];
    samples: Insertable<SampleTable>[];
    /** Recalled people sampled again in a single tube. */
    resampled: { recallId: string; sampleId: string }[];
  },
): Promise<void> {
  const fresh = new Set(w.newTubes);
  const moved = [...w.dirty].filter((t) => !fresh.has(t));
  const writes: NamedStatement[] = [];
  if (w.newTubes.length > 0) {
    writes.push([
      "new_tubes",
      insertRows<Insertable<TubeTable>>("tubes", w.newTubes as Insertable<TubeTable>[], [
        ["id", "uuid"],
        ["barcode", "text"],
        ["campaign_id", "uuid"],
        ["site_id", "uuid"],
        ["station_id", "uuid"],
        ["pool_size", "int"],
        ["single", "boolean"],
        ["people", "int"],
        ["status", "text"],
        ["opened_by", "uuid"],
        ["opened_at", "timestamptz"],
        ["sealed_at", "timestamptz"],
      ]),
    ]);
  }
  if (moved.length > 0) {
    const rows = unnestRows(moved, [
      ["id", "uuid"],
      ["people", "int"],
      ["status", "text"],
      ["sealed_at", "timestamptz"],
    ]);
    writes.push([
      "moved_tubes",
      sql`update tubes t set people = v.people, status = v.status, sealed_at = v.sealed_at
        from (${rows}) v where t.id = v.id`,
    ]);
  }
  if (w.scanRows.length > 0) {
    writes.push([
      "scans",
      insertRows("station_scans", w.scanRows, [
        ["id", "uuid"],
        ["station_id", "uuid"],
        ["seq", "int"],
        ["campaign_id", "uuid"],
        ["site_id", "uuid"],
        ["user_id", "uuid"],
        ["kind", "text"],
        ["payload", "jsonb"],
        ["status", "text"],
        ["code", "text"],
        ["message", "text"],
        ["tube_id", "uuid"],
        ["at", "timestamptz"],
      ]),
    ]);
  }
  writes.push(...sampleWrites(w.samples));
  if (w.resampled.length > 0) writes.push(resampledWrite(w.resampled));
  const audit: Insertable<AuditLogTable>[] = w.group.map((p, i) => {
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
  });
  writes.push([
    "audit",
    insertRows("audit_log", audit, [
      ["id", "uuid"],
      ["user_id", "uuid"],
      ["action", "text"],
      ["entity_type", "text"],
      ["entity_id", "uuid"],
      ["details", "jsonb"],
    ]),
  ]);
  await sql`${PREPARED}${withStatements(writes)}`.execute(trx);
}
