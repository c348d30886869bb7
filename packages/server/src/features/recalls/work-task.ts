import type { Kysely } from "kysely";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { isUuid } from "../regions/scope";
import { loadTasks } from "./list-recalls";
import { lockTaskInScope } from "./queries";
import type { ControlInput, HomeSamplingInput, RecallTask } from "./recall-schema";

/**
 * Ticks a household "reached and kept at home" (已管控) with what was agreed, or clears a tick
 * set by mistake. The note stays on the task; the audit keeps only that there was one.
 */
export async function controlTask(
  db: Kysely<Database>,
  user: SessionUser,
  taskId: string,
  input: ControlInput,
): Promise<RecallTask> {
  requirePermission(user, "recall.manage");
  const campaignId = await inTransaction(db, async (trx) => {
    const task = await findTask(trx, user, taskId);
    const note = input.note === undefined ? task.note : input.note || null;
    await trx
      .updateTable("recall_tasks")
      .set({
        controlled_at: input.controlled ? (task.controlled_at ?? new Date()) : null,
        controlled_by: input.controlled ? user.id : null,
        note,
        // A closed task stays closed; the tick only moves an open one.
        status: task.status === "closed" ? "closed" : input.controlled ? "controlled" : "open",
      })
      .where("id", "=", task.id)
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "recall.control",
      entityType: "recall_task",
      entityId: task.id,
      details: { controlled: input.controlled, note: note !== null },
    });
    return task.campaign_id;
  });
  return presentOne(db, user, campaignId, taskId);
}

/**
 * Switches a household to home sampling (上门采样): someone in it cannot come to the point, so
 * the team goes up the stairs with single tubes.
 */
export async function setHomeSampling(
  db: Kysely<Database>,
  user: SessionUser,
  taskId: string,
  input: HomeSamplingInput,
): Promise<RecallTask> {
  requirePermission(user, "recall.manage");
  const campaignId = await inTransaction(db, async (trx) => {
    const task = await findTask(trx, user, taskId);
    if (task.status === "closed" && input.on) {
      throw new AppError("conflict", "Everyone in this household has a re-sample result: nothing to sample");
    }
    await trx
      .updateTable("recall_tasks")
      .set({ home_sampling: input.on })
      .where("id", "=", task.id)
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "recall.home_sampling",
      entityType: "recall_task",
      entityId: task.id,
      details: { on: input.on },
    });
    return task.campaign_id;
  });
  return presentOne(db, user, campaignId, taskId);
}

async function findTask(db: Kysely<Database>, user: SessionUser, taskId: string) {
  const task = isUuid(taskId) ? await lockTaskInScope(db, user, taskId) : undefined;
  if (!task) throw new AppError("not_found", "Recall task not found");
  return task;
}

async function presentOne(db: Kysely<Database>, user: SessionUser, campaignId: string, taskId: string) {
  const [task] = await loadTasks(db, user, { campaignId, taskIds: [taskId], limit: 1 });
  if (!task) throw new AppError("not_found", "Recall task not found");
  return task.view;
}
