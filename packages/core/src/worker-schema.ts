/**
 * The shapes of the workforce register API (issue 6), shared by the server (validation and
 * OpenAPI) and the web (forms and typed fetches). The mobile check (phone.ts) is applied by the
 * server with a reason code the web translates, like the resident registry.
 */
import { z } from "zod";
import { QUALIFICATIONS } from "./work-zones";

export const WORKER_SOURCES = ["staff", "cadre", "medic", "volunteer", "org_member"] as const;
export type WorkerSource = (typeof WORKER_SOURCES)[number];

export const WORKER_SOURCE_LABELS: Record<WorkerSource, { zh: string; en: string }> = {
  staff: { zh: "社区工作人员", en: "Community staff" },
  cadre: { zh: "下沉干部", en: "Sent-down cadre" },
  medic: { zh: "医护人员", en: "Medic" },
  volunteer: { zh: "志愿者", en: "Volunteer" },
  org_member: { zh: "社会组织成员", en: "Social-organisation member" },
};

export const WORKER_STATUSES = ["pending", "approved", "rejected", "inactive"] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

/** Largest page the worker list answers. */
export const MAX_WORKER_PAGE_SIZE = 200;

const QualificationSchema = z.enum(QUALIFICATIONS);
const Name = z.string().trim().min(1, "Enter the name").max(50, "A name has at most 50 characters");
const Phone = z.string().trim().min(1, "Enter a mobile number").max(30);
const Text = (max: number) => z.string().trim().max(max);

/** A time the person said they can work: ISO date-times, end after start. */
export const AvailabilityWindow = z
  .object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), {
    message: "The end is before the start",
    path: ["end"],
  });
export type AvailabilityWindow = z.infer<typeof AvailabilityWindow>;
const Availability = z.array(AvailabilityWindow).max(60);

export const WorkerListQuery = z.object({
  communityId: z.uuid().optional(),
  status: z.enum(WORKER_STATUSES).optional(),
  source: z.enum(WORKER_SOURCES).optional(),
  qualification: QualificationSchema.optional(),
  /** Part of the name, the start of the phone, or the badge number. */
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_WORKER_PAGE_SIZE).default(50),
});
export type WorkerListQuery = z.infer<typeof WorkerListQuery>;

export const WorkerLoan = z.object({
  id: z.string(),
  toCommunityId: z.string(),
  toCommunityName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type WorkerLoan = z.infer<typeof WorkerLoan>;

/** One worker in a list: the phone is always masked. */
export const WorkerListItem = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  name: z.string(),
  hideName: z.boolean(),
  phoneMasked: z.string(),
  source: z.enum(WORKER_SOURCES),
  sourceOrg: z.string().nullable(),
  sourceCity: z.string().nullable(),
  qualifications: z.array(z.string()),
  availability: z.array(z.object({ start: z.string(), end: z.string() })),
  status: z.enum(WORKER_STATUSES),
  badgeNo: z.string().nullable(),
  /** The loan running now (or next), if the person is lent to another community. */
  lentTo: WorkerLoan.nullable(),
  createdAt: z.string(),
});
export type WorkerListItem = z.infer<typeof WorkerListItem>;

export const WorkerListPage = z.object({
  items: z.array(WorkerListItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  /** Per status, under the same filters except the status: the tabs' numbers. */
  counts: z.record(z.string(), z.number().int()),
});
export type WorkerListPage = z.infer<typeof WorkerListPage>;

/** One worker in full, still masked: unmasking is a separate, audited call. */
export const WorkerDetail = WorkerListItem.extend({
  emergencyContact: z.string().nullable(),
  emergencyPhoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  /** The random code in the badge QR (`SQB1.<code>`); null until approved. */
  badgeCode: z.string().nullable(),
  approvedAt: z.string().nullable(),
  loans: z.array(WorkerLoan),
});
export type WorkerDetail = z.infer<typeof WorkerDetail>;

export const WorkerCreateInput = z.object({
  communityId: z.uuid(),
  name: Name,
  phone: Phone,
  source: z.enum(WORKER_SOURCES),
  sourceOrg: Text(100).nullish(),
  sourceCity: Text(50).nullish(),
  qualifications: z.array(QualificationSchema).max(QUALIFICATIONS.length).default([]),
  availability: Availability.default([]),
  emergencyContact: Text(50).nullish(),
  emergencyPhone: Text(30).nullish(),
  hideName: z.boolean().default(false),
  note: Text(2000).nullish(),
  /** Staff entering a person vouch for them: approved (with a badge) unless they say pending. */
  status: z.enum(["approved", "pending"]).default("approved"),
});
export type WorkerCreateInput = z.infer<typeof WorkerCreateInput>;

/** Only the fields sent are changed; status and badge change through their own actions. */
export const WorkerUpdateInput = z.object({
  name: Name.optional(),
  phone: Phone.optional(),
  source: z.enum(WORKER_SOURCES).optional(),
  sourceOrg: Text(100).nullish(),
  sourceCity: Text(50).nullish(),
  qualifications: z.array(QualificationSchema).max(QUALIFICATIONS.length).optional(),
  availability: Availability.optional(),
  emergencyContact: Text(50).nullish(),
  emergencyPhone: Text(30).nullish(),
  hideName: z.boolean().optional(),
  note: Text(2000).nullish(),
});
export type WorkerUpdateInput = z.infer<typeof WorkerUpdateInput>;

export const WorkerRejectInput = z.object({
  /** Kept in the worker's note, not in the audit log. */
  reason: Text(200).optional(),
});
export type WorkerRejectInput = z.infer<typeof WorkerRejectInput>;

export const WORKER_REVEALABLE = ["phone", "emergencyPhone"] as const;
export const WorkerRevealInput = z.object({
  fields: z.array(z.enum(WORKER_REVEALABLE)).min(1).max(WORKER_REVEALABLE.length),
});
export type WorkerRevealInput = z.infer<typeof WorkerRevealInput>;
export const WorkerRevealResult = z.object({
  phone: z.string().optional(),
  emergencyPhone: z.string().nullable().optional(),
});
export type WorkerRevealResult = z.infer<typeof WorkerRevealResult>;

export const WorkerLoanInput = z
  .object({
    toCommunityId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .refine((l) => Date.parse(l.endsAt) > Date.parse(l.startsAt), {
    message: "The loan ends before it starts",
    path: ["endsAt"],
  });
export type WorkerLoanInput = z.infer<typeof WorkerLoanInput>;

/** The public sign-up form (no account): lands as a pending volunteer of the community. */
export const VolunteerSignupInput = z.object({
  name: Name,
  phone: Phone,
  skills: z.array(QualificationSchema).max(QUALIFICATIONS.length).default([]),
  availability: Availability.default([]),
  hideName: z.boolean().default(false),
  emergencyContact: Text(50).nullish(),
  emergencyPhone: Text(30).nullish(),
});
export type VolunteerSignupInput = z.infer<typeof VolunteerSignupInput>;

export const VolunteerCommunity = z.object({ name: z.string(), subdistrict: z.string().nullable() });
export type VolunteerCommunity = z.infer<typeof VolunteerCommunity>;

/** Badge cards to print: approved people with the code their QR carries. */
export const WorkerBadgeList = z.object({
  items: z.array(WorkerListItem.extend({ badgeCode: z.string() })),
});
export type WorkerBadgeList = z.infer<typeof WorkerBadgeList>;

export const WorkerBadgeQuery = z.object({
  communityId: z.uuid().optional(),
  /** Comma-separated worker ids. */
  ids: z
    .string()
    .max(40_000)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
});
