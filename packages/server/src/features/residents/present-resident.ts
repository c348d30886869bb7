import type { ResidentFlag } from "@shequ/core/flags";
import type { IdType } from "@shequ/core/id-document";
import { maskIdNumber, maskPhone } from "@shequ/core/mask";
import type { ResidentListItem, ResidentStatus } from "@shequ/core/resident-schema";
import type { ResidentRow } from "./queries";

/** China has used UTC+8 all year since 1991: ages turn over at midnight in Beijing. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A row as a list item: ID number and phone always masked, address spelled out. */
export function toListItem(row: ResidentRow, today: string = chinaToday()): ResidentListItem {
  return {
    id: row.id,
    name: row.name,
    idType: row.id_type as IdType,
    idNumberMasked: maskIdNumber(row.id_number),
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
    sex: row.sex === "M" || row.sex === "F" ? row.sex : null,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, today),
    flags: row.flags as ResidentFlag[],
    status: row.status as ResidentStatus,
    householdId: row.household_id,
    door: row.door,
    address: [row.community_name, row.grid_name, row.building_name, row.unit_name, row.door].join(" "),
  };
}
