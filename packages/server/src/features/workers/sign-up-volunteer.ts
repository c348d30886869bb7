import type { AvailabilityWindow, VolunteerCommunity, VolunteerSignupInput } from "@shequ/core/worker-schema";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { isUuid } from "../regions/scope";
import { normaliseContactPhone, normaliseMobile } from "./check-worker-input";
import { selectCommunity } from "./queries";

/** The name a sign-up page shows: the community and its subdistrict; 404 for anything else. */
export async function getVolunteerCommunity(
  db: Kysely<Database>,
  communityId: string,
): Promise<VolunteerCommunity> {
  const community = isUuid(communityId) ? await selectCommunity(db, communityId) : undefined;
  if (!community) throw new AppError("not_found", "No such community");
  return { name: community.name, subdistrict: community.parent_name ?? null };
}

/**
 * A citizen volunteers through the community's public page: they land as a pending volunteer
 * for the community to approve. Signing up again with the same phone merges into the first
 * entry instead of adding a second; the answer is the same either way, so the form tells no one
 * whether a phone is already known. A pending (or earlier rejected or stood-down) entry takes
 * the new details and waits for approval again; an approved person keeps their name, source and
 * qualifications — which a public form must not change — and only gains the new times.
 */
export async function signUpVolunteer(
  db: Kysely<Database>,
  opts: { communityId: string } & VolunteerSignupInput,
): Promise<{ status: "pending" }> {
  const phone = normaliseMobile(opts.phone);
  const emergencyPhone = normaliseContactPhone(opts.emergencyPhone);
  const community = isUuid(opts.communityId) ? await selectCommunity(db, opts.communityId) : undefined;
  if (!community) throw new AppError("not_found", "No such community");
  const skills = [...new Set(opts.skills ?? [])];
  const availability = opts.availability ?? [];
  await inTransaction(db, async (trx) => {
    const id = newId();
    const inserted = await trx
      .insertInto("workers")
      .values({
        id,
        community_id: community.id,
        name: opts.name,
        phone,
        source: "volunteer",
        qualifications: skills,
        availability: JSON.stringify(availability),
        emergency_contact: opts.emergencyContact || null,
        emergency_phone: emergencyPhone,
        hide_name: opts.hideName ?? false,
        status: "pending",
      })
      .onConflict((oc) => oc.columns(["community_id", "phone"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      await recordAudit(trx, {
        userId: null,
        action: "worker.signup",
        entityType: "worker",
        entityId: id,
        details: { communityId: community.id, merged: false },
      });
      return;
    }
    const existing = await trx
      .selectFrom("workers")
      .select(["id", "status", "availability"])
      .where("community_id", "=", community.id)
      .where("phone", "=", phone)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (existing.status === "approved") {
      await trx
        .updateTable("workers")
        .set({
          availability: JSON.stringify(mergeWindows(existing.availability, availability)),
          ...(opts.hideName ? { hide_name: true } : {}),
        })
        .where("id", "=", existing.id)
        .execute();
    } else {
      await trx
        .updateTable("workers")
        .set({
          name: opts.name,
          qualifications: skills,
          availability: JSON.stringify(availability),
          emergency_contact: opts.emergencyContact || null,
          emergency_phone: emergencyPhone,
          hide_name: opts.hideName ?? false,
          status: "pending",
        })
        .where("id", "=", existing.id)
        .execute();
    }
    await recordAudit(trx, {
      userId: null,
      action: "worker.signup",
      entityType: "worker",
      entityId: existing.id,
      details: { communityId: community.id, merged: true, from: existing.status },
    });
  });
  return { status: "pending" };
}

/** The union of two lists of windows, the same window once, in time order. */
function mergeWindows(
  a: readonly AvailabilityWindow[],
  b: readonly AvailabilityWindow[],
): AvailabilityWindow[] {
  const byKey = new Map<string, AvailabilityWindow>();
  for (const w of [...a, ...b]) {
    byKey.set(`${Date.parse(w.start)}-${Date.parse(w.end)}`, w);
  }
  return [...byKey.values()].sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
}
