import { maskName, maskPhone } from "@shequ/core/mask";
import type {
  ContactOutcome,
  ExemptionReason,
  MissingContact,
  MissingExemption,
  MissingPerson,
} from "@shequ/core/missing-schema";
import { ageOn } from "../residents/present-resident";
import type { PersonRow } from "./queries";

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

/** A row as the list shows it: name and phone masked, the household's slot, the last call. */
export function presentPerson(row: PersonRow, today: string): MissingPerson {
  const contact: MissingContact | null =
    row.contact_outcome && row.contact_at
      ? {
          outcome: row.contact_outcome as ContactOutcome,
          place: row.contact_place,
          note: row.contact_note,
          by: row.contact_by,
          at: iso(row.contact_at),
        }
      : null;
  const exemption: MissingExemption | null =
    row.exemption_reason && row.exemption_at
      ? {
          reason: row.exemption_reason as ExemptionReason,
          place: row.exemption_place,
          note: row.exemption_note,
          by: row.exemption_by,
          at: iso(row.exemption_at),
        }
      : null;
  return {
    residentId: row.id,
    name: maskName(row.name),
    phone: row.phone ? maskPhone(row.phone) : null,
    age: ageOn(row.birth_date, today),
    sex: row.sex === "M" || row.sex === "F" ? row.sex : null,
    flags: row.flags,
    status: row.status === "moved_out" ? "moved_out" : "active",
    householdId: row.household_id,
    door: row.door,
    buildingId: row.building_id,
    buildingName: row.building_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    slot:
      row.slot_starts_at && row.slot_ends_at
        ? { startsAt: iso(row.slot_starts_at), endsAt: iso(row.slot_ends_at), siteName: row.site_name ?? "" }
        : null,
    homeRun: row.home_run_seq === null ? null : { seq: Number(row.home_run_seq) },
    lastContact: contact,
    exemption,
    previousSampledAt: isoOrNull(row.previous_sampled_at),
  };
}
