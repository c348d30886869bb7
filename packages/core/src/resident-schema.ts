/**
 * The shapes the resident registry API accepts and returns, shared by the server (validation and
 * OpenAPI) and the web (forms and typed fetches). Checks that need more than a shape — the ID
 * check digit, the mobile prefix — live in id-document.ts and phone.ts and are applied by the
 * server with reason codes the web translates.
 */
import { z } from "zod";
import { RESIDENT_FLAGS } from "./flags";
import { ID_TYPES } from "./id-document";
import { REGION_LEVELS } from "./regions";

export const RESIDENT_STATUSES = ["active", "moved_out"] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

/** Largest page a list answers; the web pages through more. */
export const MAX_PAGE_SIZE = 200;
/** Totals are counted up to this many rows; above it the total is a lower bound ("10000+"). */
export const TOTAL_COUNT_CAP = 10_000;

const ResidentFlagSchema = z.enum(RESIDENT_FLAGS);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form YYYY-MM-DD");

/** `flags=bedridden,cannot_walk` in a query string: every listed flag must be present. */
const FlagList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== ""),
  )
  .pipe(z.array(ResidentFlagSchema).max(RESIDENT_FLAGS.length));

export const ResidentListQuery = z.object({
  /** Name prefix, phone prefix or ID-number prefix, told apart by what was typed. */
  q: z.string().trim().max(50).optional(),
  /** Narrows the list to a region inside the user's scope. */
  regionId: z.uuid().optional(),
  flags: FlagList.optional(),
  status: z.enum(["active", "moved_out", "all"]).default("active"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});
export type ResidentListQuery = z.infer<typeof ResidentListQuery>;

/** One resident in a list: ID number and phone are always masked, whatever the role. */
export const ResidentListItem = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  sex: z.enum(["M", "F"]).nullable(),
  birthDate: z.string().nullable(),
  /** Whole years on today's date in China, or null without a birth date. */
  age: z.number().int().nullable(),
  flags: z.array(ResidentFlagSchema),
  status: z.enum(RESIDENT_STATUSES),
  householdId: z.string(),
  door: z.string(),
  /** "杨家园社区 第一网格 3号楼 2单元 502": community, grid, building, unit and door. */
  address: z.string(),
});
export type ResidentListItem = z.infer<typeof ResidentListItem>;

export const ResidentListPage = z.object({
  items: z.array(ResidentListItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  /** True when there are more matches than were counted: show "total+". */
  totalIsLowerBound: z.boolean(),
});
export type ResidentListPage = z.infer<typeof ResidentListPage>;

export const ResidentAddressIds = z.object({
  communityId: z.string(),
  gridId: z.string(),
  buildingId: z.string(),
  unitId: z.string(),
});
export type ResidentAddressIds = z.infer<typeof ResidentAddressIds>;

/** One resident in full, still masked: unmasking is a separate, audited call. */
export const ResidentDetail = ResidentListItem.extend({
  note: z.string().nullable(),
  /** Send it back with an edit: a stale version is refused so no one overwrites another's change. */
  version: z.number().int(),
  movedOutAt: z.string().nullable(),
  addressIds: ResidentAddressIds,
  /** The other people of the same household. */
  householdMembers: z.array(ResidentListItem),
});
export type ResidentDetail = z.infer<typeof ResidentDetail>;

const Name = z.string().trim().min(1, "Enter the name").max(50, "A name has at most 50 characters");
const Door = z
  .string()
  .trim()
  .min(1, "Enter the door number")
  .max(20, "A door number has at most 20 characters");
const Note = z.string().trim().max(2000, "A note has at most 2000 characters");
const DocumentNumber = z.string().trim().min(1, "Enter the ID number").max(40);
const Phone = z.string().trim().max(30);

export const ResidentCreateInput = z.object({
  name: Name,
  idType: z.enum(ID_TYPES).default("cn_id"),
  idNumber: DocumentNumber,
  /** A mainland mobile; empty or absent for none. */
  phone: Phone.nullish(),
  flags: z.array(ResidentFlagSchema).max(RESIDENT_FLAGS.length).optional(),
  note: Note.nullish(),
  unitId: z.uuid(),
  door: Door,
});
export type ResidentCreateInput = z.infer<typeof ResidentCreateInput>;

/** Only the fields sent are changed; `version` is the one the form was loaded with. */
export const ResidentUpdateInput = z.object({
  version: z.number().int().min(1),
  name: Name.optional(),
  idType: z.enum(ID_TYPES).optional(),
  idNumber: DocumentNumber.optional(),
  /** null or "" removes the phone. */
  phone: Phone.nullish(),
  flags: z.array(ResidentFlagSchema).max(RESIDENT_FLAGS.length).optional(),
  note: Note.nullish(),
  /** Moving to another unit or door moves the resident to that household. */
  unitId: z.uuid().optional(),
  door: Door.optional(),
});
export type ResidentUpdateInput = z.infer<typeof ResidentUpdateInput>;

export const ResidentMoveOutInput = z.object({
  /** The day they left; today when absent. */
  date: IsoDate.optional(),
  /** Kept in the resident's note, not in the audit log, which holds ids and field names only. */
  reason: z.string().trim().max(200).optional(),
});
export type ResidentMoveOutInput = z.infer<typeof ResidentMoveOutInput>;

export const REVEALABLE_FIELDS = ["idNumber", "phone"] as const;
export const ResidentRevealInput = z.object({
  fields: z.array(z.enum(REVEALABLE_FIELDS)).min(1).max(REVEALABLE_FIELDS.length),
});
export type ResidentRevealInput = z.infer<typeof ResidentRevealInput>;

export const ResidentRevealResult = z.object({
  idNumber: z.string().optional(),
  phone: z.string().nullable().optional(),
});
export type ResidentRevealResult = z.infer<typeof ResidentRevealResult>;

export const RegionLevelSchema = z.enum(REGION_LEVELS);

export const RegionSummary = z.object({
  id: z.string(),
  level: RegionLevelSchema,
  name: z.string(),
  residentCount: z.number().int(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const RegionDetail = z.object({
  id: z.string(),
  level: RegionLevelSchema,
  name: z.string(),
  parentId: z.string().nullable(),
  /** From the top of the tree down to this region; `inScope: false` entries are names only. */
  breadcrumb: z.array(
    z.object({ id: z.string(), level: RegionLevelSchema, name: z.string(), inScope: z.boolean() }),
  ),
  counts: z.object({
    children: z.number().int(),
    households: z.number().int(),
    residents: z.number().int(),
  }),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionCreateInput = z.object({
  /** null only for a province, which only a whole-system administrator may add. */
  parentId: z.uuid().nullable(),
  level: RegionLevelSchema,
  name: z.string().trim().min(1, "Enter the name").max(100),
  code: z.string().trim().max(20).nullish(),
});
export type RegionCreateInput = z.infer<typeof RegionCreateInput>;

export const RegionRenameInput = z.object({
  name: z.string().trim().min(1, "Enter the name").max(100),
});
export type RegionRenameInput = z.infer<typeof RegionRenameInput>;

export const UnitHousehold = z.object({ id: z.string(), door: z.string(), residentCount: z.number().int() });
export type UnitHousehold = z.infer<typeof UnitHousehold>;

const NamedRegion = z.object({ id: z.string(), name: z.string() });

export const HouseholdDetail = z.object({
  id: z.string(),
  door: z.string(),
  address: z.object({
    community: NamedRegion,
    grid: NamedRegion,
    building: NamedRegion,
    unit: NamedRegion,
  }),
  residents: z.array(ResidentListItem),
});
export type HouseholdDetail = z.infer<typeof HouseholdDetail>;
