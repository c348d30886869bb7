import type { NoticeTextInput } from "@shequ/core/notice-text";
import { iso } from "../campaigns/queries";
import type { NoticeHouseholdRow } from "./queries";

type AddressParts = Pick<NoticeHouseholdRow, "building_name" | "unit_name" | "door">;
type NoticeParts = AddressParts &
  Pick<
    NoticeHouseholdRow,
    "revision" | "moved_at" | "home_people" | "site_name" | "site_address" | "starts_at" | "ends_at"
  >;

/** "1号楼 1单元 101": how a household's address reads on a notice. */
export function householdAddress(row: AddressParts): string {
  return `${row.building_name} ${row.unit_name} ${row.door}`;
}

/** What the notice text needs from a household's row; a moved slot makes it the "已调整" variant. */
export function toNoticeTextInput(row: NoticeParts, roundName: string): NoticeTextInput {
  const slot = row.starts_at && row.ends_at ? { startsAt: row.starts_at, endsAt: row.ends_at } : null;
  return {
    address: householdAddress(row),
    roundName,
    site: row.site_name !== null ? { name: row.site_name, address: row.site_address ?? "" } : null,
    slot,
    homeVisit: (row.home_people ?? 0) > 0,
    adjusted: slot !== null && (row.revision > 1 || row.moved_at !== null),
  };
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}
