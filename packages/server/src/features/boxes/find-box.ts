import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { type BoxRow, selectVisibleBox } from "./queries";

/** A box of a collection point in the user's area, or 404 as for an id that does not exist. */
export async function findVisibleBox(db: Kysely<Database>, user: SessionUser, id: string): Promise<BoxRow> {
  const box = await selectVisibleBox(db, user, { id });
  if (!box) throw new AppError("not_found", "Box not found in your area");
  return box;
}

/** A refusal the page switches on by `details.code` (the HTTP status stays one of the closed list). */
export function boxRefusal(
  status: "conflict" | "not_found",
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): AppError {
  return new AppError(status, message, { code, ...extra });
}

export const BOX_MESSAGES: Record<string, string> = {
  box_sealed: "The box is sealed: scan a new box label to start another box",
  box_empty: "The box is empty: pack at least one tube before sealing it",
  box_not_sealed: "The box is still being packed: seal it first",
  box_handed_over: "The box has already been handed over",
};
