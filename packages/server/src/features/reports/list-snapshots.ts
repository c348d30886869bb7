import type { ReportQuery, SnapshotItem, SnapshotList } from "@shequ/core/report-schema";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { selectSnapshots } from "./report-queries";
import { openRoundView } from "./round-view";

type Figures = Omit<SnapshotItem, "hour" | "asOf">;
const FIELDS: (keyof Figures)[] = [
  "expected",
  "sampled",
  "exempted",
  "missing",
  "coverage",
  "tubes",
  "pooledTubes",
  "singleTubes",
  "positiveTubes",
  "invalidTubes",
  "recalled",
  "resampled",
  "recallsOpen",
  "recallsClosed",
];

/**
 * A round's hourly snapshots as kept for the record, for one region: the round's top region, or
 * (for someone who sees less) their own area among the rows one level below it. Hours whose
 * snapshot holds no figures for the region are left out.
 */
export async function listSnapshots(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  query: ReportQuery,
): Promise<SnapshotList> {
  const view = await openRoundView(db, user, campaignId, query.regionId);
  const rows = await selectSnapshots(db, view.campaign.id);
  const items: SnapshotItem[] = [];
  for (const s of rows) {
    const summary = s.summary as { asOf?: unknown; region?: unknown; rows?: unknown };
    const figures = pickFigures(summary, view.region.id);
    if (!figures) continue;
    const hour = new Date(s.hour).toISOString();
    items.push({ hour, asOf: typeof summary.asOf === "string" ? summary.asOf : hour, ...figures });
  }
  return { region: { id: view.region.id, name: view.region.name, level: view.region.level }, items };
}

/** The figures of one region in a stored summary (read field by field: old snapshots stay readable). */
function pickFigures(summary: { region?: unknown; rows?: unknown }, regionId: string): Figures | undefined {
  const candidates = [summary.region, ...(Array.isArray(summary.rows) ? summary.rows : [])];
  const found = candidates.find(
    (c): c is Record<string, unknown> =>
      typeof c === "object" && c !== null && (c as { id?: unknown }).id === regionId,
  );
  if (!found) return undefined;
  const out = {} as Figures;
  for (const key of FIELDS) out[key] = Number(found[key] ?? 0) || 0;
  return out;
}
