import { maskName } from "@shequ/core/mask";
import { ageOn, chinaToday } from "../residents/present-resident";
import type { RecallPersonRow, TaskRow } from "./queries";
import type { RecallPerson, RecallTask, TaskStatus } from "./recall-schema";

const iso = (value: Date | string | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * Where a task stands: closed once every re-sample has a result (kept in the row), resampled
 * when nobody is left to sample, controlled once the household was reached, else open.
 */
export function taskStatusOf(row: Pick<TaskRow, "status" | "controlled_at">, people: RecallPerson[]) {
  if (row.status === "closed") return "closed" satisfies TaskStatus;
  if (people.length > 0 && people.every((p) => p.status !== "open")) return "resampled" satisfies TaskStatus;
  return row.controlled_at ? ("controlled" satisfies TaskStatus) : ("open" satisfies TaskStatus);
}

/** A person on the list: masked name, age, and their re-sample. */
export function presentPerson(row: RecallPersonRow, today: string = chinaToday()): RecallPerson {
  return {
    recallId: row.id,
    residentId: row.resident_id,
    name: maskName(row.name),
    age: ageOn(row.birth_date, today),
    sex: row.sex === "M" || row.sex === "F" ? row.sex : null,
    status: row.status as RecallPerson["status"],
    result: row.result as RecallPerson["result"],
    resampledAt: iso(row.resampled_at),
    resampleBarcode: row.resample_barcode,
  };
}

/** A task row with its people as the API shows it. */
export function presentTask(row: TaskRow, people: RecallPerson[]): RecallTask {
  return {
    id: row.id,
    householdId: row.household_id,
    address: `${row.building_name} ${row.unit_name} ${row.door}`,
    gridId: row.grid_id,
    reason: row.reason,
    status: taskStatusOf(row, people),
    positive: people.some((p) => p.result === "positive"),
    tube: { barcode: row.barcode, testedAt: iso(row.tested_at), result: row.tube_result },
    controlledAt: iso(row.controlled_at),
    note: row.note,
    homeSampling: row.home_sampling,
    createdAt: iso(row.created_at) as string,
    closedAt: iso(row.closed_at),
    people,
  };
}
