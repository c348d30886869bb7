import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { listDemands } from "./demands";
import { listVisibleSites } from "./queries";
import type { Board, CampaignQuery } from "./shift-schema";

const HOUR = 3_600_000;

/**
 * The planning board: every shift of the round's points with who is on it and how many are
 * missing, and per point and clock hour the sum, so the page can paint each gap red.
 */
export async function getBoard(
  db: Kysely<Database>,
  user: SessionUser,
  query: CampaignQuery,
): Promise<Board> {
  const demands = await listDemands(db, user, query);
  const sites = (await listVisibleSites(db, user, query.campaignId)).filter(
    (s) => !query.siteId || s.id === query.siteId,
  );
  const ids = demands.map((d) => d.id);
  const people =
    ids.length === 0
      ? []
      : await db
          .selectFrom("shift_assignments as a")
          .innerJoin("workers as w", "w.id", "a.worker_id")
          .select(["a.id", "a.demand_id", "a.worker_id", "w.name", "w.badge_no", "a.override_rules"])
          .where("a.status", "=", "planned")
          .where("a.demand_id", "in", ids)
          .orderBy("w.badge_no")
          .execute();
  const byDemand = new Map<string, Board["demands"][number]["people"]>();
  for (const p of people) {
    const list = byDemand.get(p.demand_id) ?? [];
    list.push({
      assignmentId: p.id,
      workerId: p.worker_id,
      name: p.name,
      badgeNo: p.badge_no ?? null,
      overridden: (p.override_rules ?? []).length > 0,
    });
    byDemand.set(p.demand_id, list);
  }
  const hours = new Map<
    string,
    { siteId: string; hour: string; needed: number; planned: number; gap: number }
  >();
  for (const d of demands) {
    const end = Date.parse(d.endsAt);
    for (let t = Math.floor(Date.parse(d.startsAt) / HOUR) * HOUR; t < end; t += HOUR) {
      const key = `${d.siteId}|${t}`;
      const cell = hours.get(key) ?? {
        siteId: d.siteId,
        hour: new Date(t).toISOString(),
        needed: 0,
        planned: 0,
        gap: 0,
      };
      cell.needed += d.needed;
      cell.planned += Math.min(d.planned, d.needed);
      cell.gap += Math.max(0, d.needed - d.planned);
      hours.set(key, cell);
    }
  }
  return {
    sites: sites.map((s) => ({ id: s.id, name: s.name, zones: s.zones })),
    demands: demands.map((d) => ({
      ...d,
      gap: Math.max(0, d.needed - d.planned),
      people: byDemand.get(d.id) ?? [],
    })),
    hours: [...hours.values()].sort(
      (a, b) => a.siteId.localeCompare(b.siteId) || a.hour.localeCompare(b.hour),
    ),
  };
}
