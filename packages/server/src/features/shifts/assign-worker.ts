import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { findVisibleCampaign } from "../campaigns/queries";
import { isUuid } from "../regions/scope";
import { siteVisible } from "../station/find-station-point";
import { findProblems } from "./fit-check";
import { findScopeWorker, findVisibleDemand, loadDuty, readRules } from "./queries";
import type { AssignInput, Problem } from "./shift-schema";

const MESSAGES: Record<Problem["code"], string> = {
  unqualified: "The person lacks the qualification this zone needs",
  overlap: "The person is already planned elsewhere at that time",
  unavailable: "The person said they are not available then: give a reason to plan them anyway",
  rest_rule: "This would break a rest rule: give a reason to plan over it",
  already_assigned: "The person is already on this shift",
};

/**
 * Puts a person on a shift by hand. Missing qualification and double booking are refused
 * outright; hours the person did not offer and rest-rule breaks need an override with a reason,
 * which is kept on the assignment and in the audit. The person's row is locked, so two planners
 * cannot book them twice at once.
 */
export async function assignWorker(db: Kysely<Database>, user: SessionUser, input: AssignInput) {
  requirePermission(user, "workforce.manage");
  const demand = await findVisibleDemand(db, user, input.demandId);
  const campaign = await findVisibleCampaign(db, user, demand.campaign_id);
  const worker = await findScopeWorker(db, user, input.workerId);
  if (worker.status !== "approved")
    throw new AppError("conflict", "Only approved people can be planned", { code: "worker_inactive" });
  const rules = readRules(campaign);
  return inTransaction(db, async (trx) => {
    await trx.selectFrom("workers").select("id").where("id", "=", worker.id).forUpdate().execute();
    const already = await trx
      .selectFrom("shift_assignments")
      .select("id")
      .where("demand_id", "=", demand.id)
      .where("worker_id", "=", worker.id)
      .where("status", "=", "planned")
      .executeTakeFirst();
    if (already) throw new AppError("conflict", MESSAGES.already_assigned, { code: "already_assigned" });
    const start = demand.starts_at.getTime();
    const duty = (await loadDuty(trx, [worker.id], demand.starts_at)).get(worker.id) ?? [];
    const problems = findProblems(
      worker,
      { zone: demand.zone, start, end: demand.ends_at.getTime(), qualification: demand.qualification },
      duty,
      rules,
    );
    const hard = problems.find((p) => !p.overridable);
    if (hard) throw new AppError("conflict", MESSAGES[hard.code], { ...hard, problems });
    if (problems.length > 0 && !input.override) {
      const first = problems[0] as Problem;
      throw new AppError("conflict", MESSAGES[first.code], { ...first, problems });
    }
    const overridden = problems.flatMap((p) =>
      p.code === "rest_rule" ? [...new Set((p.violations ?? []).map((v) => v.rule))] : [p.code],
    );
    const id = newId();
    await trx
      .insertInto("shift_assignments")
      .values({
        id,
        demand_id: demand.id,
        worker_id: worker.id,
        override_rules: overridden.length > 0 ? overridden : null,
        override_reason: overridden.length > 0 ? (input.override?.reason ?? null) : null,
        created_by: user.id,
      })
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: overridden.length > 0 ? "shift.assign.override" : "shift.assign",
      entityType: "shift_assignment",
      entityId: id,
      details: { demandId: demand.id, workerId: worker.id, overrideRules: overridden },
    });
    return {
      id,
      demandId: demand.id,
      workerId: worker.id,
      overrideRules: overridden.length > 0 ? overridden : null,
      overrideReason: overridden.length > 0 ? (input.override?.reason ?? null) : null,
    };
  });
}

/** Takes a person off a shift; the row stays, cancelled, so the history is kept. */
export async function cancelAssignment(db: Kysely<Database>, user: SessionUser, assignmentId: string) {
  requirePermission(user, "workforce.manage");
  const row = isUuid(assignmentId)
    ? await db
        .selectFrom("shift_assignments as a")
        .innerJoin("shift_demands as d", "d.id", "a.demand_id")
        .innerJoin("sites as s", "s.id", "d.site_id")
        .select(["a.id", "a.status", "a.worker_id", "a.demand_id"])
        .where("a.id", "=", assignmentId)
        .where(siteVisible(user, "s"))
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError("not_found", "Assignment not found");
  if (row.status !== "planned") return { id: row.id, status: row.status };
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("shift_assignments")
      .set({ status: "cancelled", cancelled_at: new Date() })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, {
      userId: user.id,
      action: "shift.cancel",
      entityType: "shift_assignment",
      entityId: row.id,
      details: { demandId: row.demand_id, workerId: row.worker_id },
    });
  });
  return { id: row.id, status: "cancelled" };
}
