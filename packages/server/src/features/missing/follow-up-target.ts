import type { ExemptionReason, MissingUpdate } from "@shequ/core/missing-schema";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { foldExemptions } from "../command/fold-exemptions";
import { isUuid } from "../regions/scope";
import { chinaToday } from "../residents/present-resident";
import { countGrid, findPreviousRound, gridOf, inRoundAndScope, type Round } from "./grid-scope";
import { presentPerson } from "./present-person";
import { hasLiveSample, lockResident, selectExemption, selectPeople } from "./queries";

// What the follow-up writes (a call, an exemption, its removal) share: the resident locked in the
// user's area and the round, the rules about who may still be exempted, and the answer.

export type Target = NonNullable<Awaited<ReturnType<typeof lockResident>>>;

/** Follow-up belongs to a round that has been set going; a draft has no list yet. */
export function assertRoundOpen(round: Round): void {
  if (round.campaign.status === "draft") {
    throw new AppError("conflict", "This round is still a draft", { code: "round_draft" });
  }
}

/**
 * Locks the resident (so two workers recording the same person take turns) or answers 404 when
 * they are outside the user's area or the round.
 */
export async function lockTarget(
  trx: Transaction<Database>,
  user: SessionUser,
  round: Round,
  residentId: string,
): Promise<Target> {
  const row = isUuid(residentId)
    ? await lockResident(trx, residentId, inRoundAndScope(user, round))
    : undefined;
  if (!row) throw new AppError("not_found", "Resident not found in this round");
  return row;
}

/** Refuses follow-up on someone who is sampled (they are covered) or has moved out (not expected). */
export async function assertStillExpected(trx: Transaction<Database>, round: Round, target: Target) {
  if (await hasLiveSample(trx, round.campaign.id, target.id)) {
    throw new AppError("conflict", "Already sampled in this round", { code: "already_sampled" });
  }
  if (target.status !== "active") {
    throw new AppError("conflict", "This resident has moved out", { code: "moved_out" });
  }
}

/**
 * Creates the resident's exemption (counted into the rollups after the insert) or changes its
 * reason; who and when become this user and now.
 */
export async function upsertExemption(
  trx: Transaction<Database>,
  o: {
    campaignId: string;
    residentId: string;
    userId: string;
    reason: ExemptionReason;
    place?: string | undefined;
    note?: string | undefined;
  },
): Promise<"created" | "updated"> {
  const fields = { reason: o.reason, place: o.place || null, note: o.note || null, created_by: o.userId };
  if (await selectExemption(trx, o.campaignId, o.residentId)) {
    await trx
      .updateTable("exemptions")
      .set({ ...fields, created_at: sql`now()` })
      .where("campaign_id", "=", o.campaignId)
      .where("resident_id", "=", o.residentId)
      .execute();
    return "updated";
  }
  await trx
    .insertInto("exemptions")
    .values({ campaign_id: o.campaignId, resident_id: o.residentId, ...fields })
    .execute();
  await foldExemptions(trx, { campaignId: o.campaignId, residentIds: [o.residentId], sign: 1 });
  return "created";
}

/** The person as the list now shows them, and their grid's counts, after a write. */
export async function answerUpdate(
  db: Kysely<Database>,
  user: SessionUser,
  round: Round,
  target: Target,
): Promise<MissingUpdate> {
  const grid = await gridOf(db, target.grid_id);
  const previous = await findPreviousRound(db, user, round, grid);
  const previousId = previous?.id ?? null;
  const [counts, rows] = await Promise.all([
    countGrid(db, user, round, grid, previousId),
    selectPeople(db, {
      campaignId: round.campaign.id,
      previousId,
      where: sql`(r.id = ${target.id} and ${inRoundAndScope(user, round)})`,
      limit: 1,
      offset: 0,
    }),
  ]);
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Resident not found in this round");
  return { person: presentPerson(row, chinaToday()), counts };
}
