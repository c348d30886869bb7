import type { TFunction } from "i18next";
import type { ResidentListItem } from "./residents-api";

export function formatSex(sex: ResidentListItem["sex"], t: TFunction): string {
  if (sex === "M") return t("residents.male");
  if (sex === "F") return t("residents.female");
  return "";
}

/** Whole years from a YYYY-MM-DD birth date to today. */
export function ageFrom(birthDate: string, today: Date = new Date()): number {
  const [y = 0, m = 1, d = 1] = birthDate.split("-").map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}

const CHINA_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** The calendar day in China of a stored instant; a move-out "on the 28th" is midnight +08:00. */
export function chinaDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : CHINA_DAY.format(date);
}
