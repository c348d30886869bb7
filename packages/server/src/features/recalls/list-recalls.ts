import type { Expression, Kysely, SqlBool } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { assertRegionInScope, livesInRegion } from "../regions/scope";
import { chinaToday } from "../residents/present-resident";
import { presentPerson, presentTask } from "./present-task";
import { selectTaskGrids, selectTaskPeople, selectTasks } from "./queries";
import type { RecallCounts, RecallList, RecallListQuery, RecallPerson, RecallTask } from "./recall-schema";

/** A bad day in a district is a few hundred positive tubes; this bounds one answer. */
const MAX_TASKS = 5000;

/**
 * The community's recall list for a round: households of positive or invalid pooled tubes in the
 * user's area, per grid in walking order, with each person's re-sample status, and the counts a
 * secretary reports upwards (households, people, still to sample, re-sampled, closed, positive).
 */
export async function listRecalls(
  db: Kysely<Database>,
  user: SessionUser,
  query: RecallListQuery,
): Promise<RecallList> {
  requirePermission(user, "recall.manage");
  const campaign = await findVisibleCampaign(db, user, query.campaignId);
  const region = query.regionId ? await assertRegionInScope(db, user, query.regionId) : undefined;
  const [loaded, grids] = await Promise.all([
    loadTasks(db, user, {
      campaignId: campaign.id,
      region: region ? livesInRegion(region, "h") : undefined,
      limit: MAX_TASKS + 1,
    }),
    selectTaskGrids(db, user, campaign.id),
  ]);
  const truncated = loaded.length > MAX_TASKS;
  const tasks = loaded.slice(0, MAX_TASKS);
  const groups = new Map<string, RecallList["groups"][number]>();
  for (const t of tasks.filter((t) => passes(t.view, query.status))) {
    let group = groups.get(t.gridId);
    if (!group) {
      group = { gridId: t.gridId, gridName: t.gridName, communityName: t.communityName, tasks: [] };
      groups.set(t.gridId, group);
    }
    group.tasks.push(t.view);
  }
  return {
    campaign: { id: campaign.id, name: campaign.name },
    counts: countTasks(tasks.map((t) => t.view)),
    grids,
    groups: [...groups.values()],
    truncated,
  };
}

interface LoadedTask {
  id: string;
  gridId: string;
  gridName: string;
  communityName: string;
  view: RecallTask;
}

/** Tasks in the user's area (and these ids when given) as views, in walking order. */
export async function loadTasks(
  db: Kysely<Database>,
  user: SessionUser,
  opts: {
    campaignId: string;
    region?: Expression<SqlBool> | undefined;
    taskIds?: readonly string[];
    limit: number;
  },
): Promise<LoadedTask[]> {
  const rows = await selectTasks(db, user, opts);
  const people = await selectTaskPeople(
    db,
    rows.map((r) => r.id),
  );
  const today = chinaToday();
  const byTask = new Map<string, RecallPerson[]>();
  for (const p of people) {
    const list = byTask.get(p.task_id) ?? [];
    list.push(presentPerson(p, today));
    byTask.set(p.task_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    gridId: r.grid_id,
    gridName: r.grid_name,
    communityName: r.community_name,
    view: presentTask(r, byTask.get(r.id) ?? []),
  }));
}

function passes(task: RecallTask, status: RecallListQuery["status"]): boolean {
  if (status === "all") return true;
  if (status === "active") return task.status !== "closed";
  if (status === "positive") return task.positive;
  return task.status === status;
}

function countTasks(tasks: RecallTask[]): RecallCounts {
  const counts: RecallCounts = {
    households: tasks.length,
    people: 0,
    open: 0,
    resampled: 0,
    closed: 0,
    positive: 0,
  };
  for (const task of tasks) {
    for (const p of task.people) {
      counts.people += 1;
      counts[p.status] += 1;
      if (p.result === "positive") counts.positive += 1;
    }
  }
  return counts;
}
