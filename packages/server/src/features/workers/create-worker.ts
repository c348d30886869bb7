import type { WorkerCreateInput, WorkerDetail } from "@shequ/core/worker-schema";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { assertRegionInScope } from "../regions/scope";
import { isPhoneClash, normaliseContactPhone, normaliseMobile, phoneTaken } from "./check-worker-input";
import { issueBadges, retryOnBadgeClash } from "./issue-badge";
import { loadWorkerDetail } from "./load-worker";
import { selectWorkerByPhone } from "./queries";

/**
 * Staff add a person to a community's workforce. Staff vouch for whom they enter, so the person
 * is approved with an armband number at once unless the form says pending. One person per phone
 * per community: a second entry is refused with the first one's id, to open it instead.
 */
export async function createWorker(
  db: Kysely<Database>,
  user: SessionUser,
  input: WorkerCreateInput,
): Promise<WorkerDetail> {
  requirePermission(user, "workforce.manage");
  const phone = normaliseMobile(input.phone);
  const emergencyPhone = normaliseContactPhone(input.emergencyPhone);
  const community = await assertRegionInScope(db, user, input.communityId);
  if (community.level !== "community") {
    throw new AppError("validation", "Choose a community", {
      issues: [{ field: "communityId", reason: "not_community", message: "Choose a community" }],
    });
  }
  const existing = await selectWorkerByPhone(db, community.id, phone);
  if (existing) throw phoneTaken(existing.id);
  const id = newId();
  const approved = (input.status ?? "approved") === "approved";
  try {
    await retryOnBadgeClash(() =>
      inTransaction(db, async (trx) => {
        await trx
          .insertInto("workers")
          .values({
            id,
            community_id: community.id,
            name: input.name,
            phone,
            source: input.source,
            source_org: input.sourceOrg || null,
            source_city: input.sourceCity || null,
            qualifications: [...new Set(input.qualifications ?? [])],
            availability: JSON.stringify(input.availability ?? []),
            emergency_contact: input.emergencyContact || null,
            emergency_phone: emergencyPhone,
            hide_name: input.hideName ?? false,
            note: input.note || null,
            status: approved ? "approved" : "pending",
            approved_at: approved ? new Date() : null,
            approved_by: approved ? user.id : null,
          })
          .execute();
        if (approved) await issueBadges(trx, [id]);
        await recordAudit(trx, {
          userId: user.id,
          action: "worker.create",
          entityType: "worker",
          entityId: id,
          details: {
            communityId: community.id,
            source: input.source,
            status: approved ? "approved" : "pending",
          },
        });
      }),
    );
  } catch (error) {
    if (isPhoneClash(error)) throw phoneTaken(undefined);
    throw error;
  }
  return loadWorkerDetail(db, user, id);
}
