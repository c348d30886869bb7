/**
 * The missing lists (漏检) of a round per grid (issue 5), shared by the server (validation,
 * OpenAPI) and the web: who is not sampled yet, who is exempted and why, who was sampled last
 * round but not this one, and what the grid worker heard when calling them.
 */
import { z } from "zod";

/** missing: not sampled, not exempted; exempted: not expected, with why; previous: sampled last round only. */
export const MISSING_VIEWS = ["missing", "exempted", "previous"] as const;
export type MissingView = (typeof MISSING_VIEWS)[number];

export const CONTACT_OUTCOMES = [
  "reached_by_phone",
  "will_come",
  "away",
  "hospitalised",
  "sampled_elsewhere",
  "unreachable",
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const EXEMPTION_REASONS = ["away", "hospitalised", "sampled_elsewhere", "other"] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

/** Outcomes that take the person out of the round's expected count, and with which reason. */
export const EXEMPTING_OUTCOMES: Partial<Record<ContactOutcome, ExemptionReason>> = {
  away: "away",
  hospitalised: "hospitalised",
  sampled_elsewhere: "sampled_elsewhere",
};

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, { zh: string; en: string }> = {
  reached_by_phone: { zh: "电话已联系", en: "Reached by phone" },
  will_come: { zh: "会来采样", en: "Will come" },
  away: { zh: "外出", en: "Away" },
  hospitalised: { zh: "住院", en: "In hospital" },
  sampled_elsewhere: { zh: "已在外地采样", en: "Sampled elsewhere" },
  unreachable: { zh: "联系不上", en: "Unreachable" },
};

export const EXEMPTION_REASON_LABELS: Record<ExemptionReason, { zh: string; en: string }> = {
  away: { zh: "外出", en: "Away" },
  hospitalised: { zh: "住院", en: "In hospital" },
  sampled_elsewhere: { zh: "已在外地采样", en: "Sampled elsewhere" },
  other: { zh: "其他", en: "Other" },
};

/** One grid has ~300–1,500 people: a page of 200 is a few taps of "next". */
export const MISSING_PAGE_SIZE = 200;

export const MissingQuery = z.object({
  /** Default: the user's own grid when their area is a grid (or lies inside one). */
  gridId: z.string().max(64).optional(),
  view: z.enum(MISSING_VIEWS).default("missing"),
  /** Start of a name or building name, or digits: start of a phone, ID number or door. */
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type MissingQuery = z.infer<typeof MissingQuery>;

export const MissingExportQuery = MissingQuery.omit({ page: true }).extend({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  /** Full names, phones and ID numbers: needs resident.export_unmasked. */
  unmasked: z.enum(["0", "1", "true", "false"]).optional(),
});
export type MissingExportQuery = z.infer<typeof MissingExportQuery>;

const Note = z.string().trim().max(200).optional();
const Place = z.string().trim().max(100).optional();

/** Where the person was sampled is what the district checks: it is required for sampled_elsewhere. */
export const ContactInput = z
  .object({ outcome: z.enum(CONTACT_OUTCOMES), place: Place, note: Note })
  .refine((c) => c.outcome !== "sampled_elsewhere" || Boolean(c.place), {
    message: "Say where they were sampled",
    path: ["place"],
  });
export type ContactInput = z.infer<typeof ContactInput>;

export const ExemptionInput = z
  .object({ reason: z.enum(EXEMPTION_REASONS), place: Place, note: Note })
  .refine((e) => e.reason !== "sampled_elsewhere" || Boolean(e.place), {
    message: "Say where they were sampled",
    path: ["place"],
  })
  .refine((e) => e.reason !== "other" || Boolean(e.note), {
    message: "Say why in the note",
    path: ["note"],
  });
export type ExemptionInput = z.infer<typeof ExemptionInput>;

export const MissingContact = z.object({
  outcome: z.enum(CONTACT_OUTCOMES),
  place: z.string().nullable(),
  note: z.string().nullable(),
  /** Display name of the worker who called. */
  by: z.string().nullable(),
  at: z.string(),
});
export type MissingContact = z.infer<typeof MissingContact>;

export const MissingExemption = z.object({
  reason: z.enum(EXEMPTION_REASONS),
  place: z.string().nullable(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});
export type MissingExemption = z.infer<typeof MissingExemption>;

export const MissingPerson = z.object({
  residentId: z.string(),
  /** Masked: 雷*. */
  name: z.string(),
  /** Masked: 138****5678; null when the registry has no phone. */
  phone: z.string().nullable(),
  age: z.number().int().nullable(),
  sex: z.enum(["M", "F"]).nullable(),
  flags: z.array(z.string()),
  /** moved_out only shows on the exempted view (an exemption outlives a move). */
  status: z.enum(["active", "moved_out"]),
  householdId: z.string(),
  door: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** The household's slot in the round: what the worker says they missed. */
  slot: z.object({ startsAt: z.string(), endsAt: z.string(), siteName: z.string() }).nullable(),
  /** The household's home-sampling run, for people who cannot come out. */
  homeRun: z.object({ seq: z.number().int() }).nullable(),
  lastContact: MissingContact.nullable(),
  exemption: MissingExemption.nullable(),
  /** When they were sampled in the previous round (view "previous"). */
  previousSampledAt: z.string().nullable(),
});
export type MissingPerson = z.infer<typeof MissingPerson>;

export const MissingCounts = z.object({
  /** Active residents of the grid with no live sample and no exemption. */
  missing: z.number().int(),
  /** Exempted residents of the grid without a live sample. */
  exempted: z.number().int(),
  /** Missing ones who were sampled in the previous round. */
  previous: z.number().int(),
});
export type MissingCounts = z.infer<typeof MissingCounts>;

export const MissingGrid = z.object({
  id: z.string(),
  name: z.string(),
  communityName: z.string(),
  /** From the round's rollups (expected refreshed every few minutes). */
  expected: z.number().int(),
  sampled: z.number().int(),
  exempted: z.number().int(),
  missing: z.number().int(),
});
export type MissingGrid = z.infer<typeof MissingGrid>;

export const MissingList = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), status: z.string(), deadlineAt: z.string() }),
  /** The round before this one over the grid, compared on view "previous"; null if none. */
  previousCampaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The grid shown; null when the user must pick one from `grids`. */
  grid: z.object({ id: z.string(), name: z.string(), communityName: z.string() }).nullable(),
  /** Grids of the user's area in the round, for the picker. */
  grids: z.array(MissingGrid),
  counts: MissingCounts,
  view: z.enum(MISSING_VIEWS),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** People on this view matching the search (all pages). */
  total: z.number().int(),
  /** In walking order: building, unit, door. */
  items: z.array(MissingPerson),
});
export type MissingList = z.infer<typeof MissingList>;

/** What a contact or an exemption change answers: the person as now, and the grid's counts. */
export const MissingUpdate = z.object({ person: MissingPerson, counts: MissingCounts });
export type MissingUpdate = z.infer<typeof MissingUpdate>;

export const MissingReveal = z.object({ phone: z.string().nullable(), idNumber: z.string() });
export type MissingReveal = z.infer<typeof MissingReveal>;
