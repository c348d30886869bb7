import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);

/**
 * Rounds run on Beijing time whatever the browser's clock says (a laptop set to UTC, a cadre
 * travelling). China has no daylight saving, so a fixed +08:00 is exact and needs no tz database.
 */
const OFFSET_MINUTES = 8 * 60;

/** An instant as Beijing wall-clock time. */
export function inShanghai(iso: string): Dayjs {
  return dayjs.utc(iso).utcOffset(OFFSET_MINUTES);
}

/**
 * The value a date-time picker shows: the Beijing wall clock, built in the browser's zone
 * because antd's pickers work in local time.
 */
export function toPickerValue(iso: string): Dayjs {
  return dayjs(inShanghai(iso).format("YYYY-MM-DDTHH:mm:ss"));
}

/** A picker's wall-clock value read as Beijing time, as an ISO string with its offset. */
export function fromPickerValue(value: Dayjs): string {
  return `${value.format("YYYY-MM-DDTHH:mm")}:00+08:00`;
}

/** "2026-12-01 08:00" */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? inShanghai(iso).format("YYYY-MM-DD HH:mm") : "—";
}

/** "12月1日 08:00" / "Dec 1 08:00": short enough for a table cell. */
export function formatShort(iso: string | null | undefined, lang: "zh" | "en"): string {
  if (!iso) return "—";
  return inShanghai(iso).format(lang === "en" ? "MMM D HH:mm" : "M月D日 HH:mm");
}

/** "12月1日" / "Dec 1". */
export function formatDay(iso: string, lang: "zh" | "en"): string {
  return inShanghai(iso).format(lang === "en" ? "MMM D" : "M月D日");
}

/** "12:00–13:00"; an end at midnight or on another day keeps its own date. */
export function formatRange(startsAt: string, endsAt: string, lang: "zh" | "en"): string {
  const start = inShanghai(startsAt);
  const end = inShanghai(endsAt);
  const sameDay = start.format("YYYY-MM-DD") === end.format("YYYY-MM-DD");
  const endText = sameDay
    ? end.format("HH:mm")
    : end.format("HH:mm") === "00:00"
      ? "24:00"
      : formatShort(endsAt, lang);
  return `${start.format("HH:mm")}–${endText}`;
}

/** "12月1日 12:00–13:00": a slot as a resident reads it. */
export function formatSlot(startsAt: string, endsAt: string, lang: "zh" | "en"): string {
  return `${formatDay(startsAt, lang)} ${formatRange(startsAt, endsAt, lang)}`;
}

/** How date-time pickers show a value (on the Beijing clock). */
export const PICKER_FORMAT = "YYYY-MM-DD HH:mm";
