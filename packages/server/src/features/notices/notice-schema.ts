import { z } from "@hono/zod-openapi";
import { NOTICE_STATUSES } from "./queries";

const Id = z.string().uuid();
export const NoticeStatusEnum = z.enum(NOTICE_STATUSES);

export const NoticeBuildingList = z
  .object({
    items: z.array(
      z.object({
        buildingId: z.string(),
        name: z.string(),
        communityName: z.string(),
        gridName: z.string(),
        households: z.number(),
        people: z.number(),
        /** The point(s) its households go to, joined with "、"; null when all are visited at home. */
        siteName: z.string().nullable(),
        /** Start of the building's earliest slot. */
        firstSlot: z.string().nullable(),
        /** End of the building's latest slot. */
        lastSlot: z.string().nullable(),
      }),
    ),
  })
  .openapi("NoticeBuildingList");
export type NoticeBuildingList = z.infer<typeof NoticeBuildingList>;

export const BuildingSheet = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string(), startsAt: z.string(), deadlineAt: z.string() }),
    building: z.object({ id: z.string(), name: z.string(), communityName: z.string(), gridName: z.string() }),
    sites: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
    bring: z.string(),
    rows: z.array(
      z.object({
        householdId: z.string(),
        unit: z.string(),
        door: z.string(),
        site: z.string().nullable(),
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
        people: z.number(),
        homeVisit: z.boolean(),
      }),
    ),
  })
  .openapi("BuildingSheet");
export type BuildingSheet = z.infer<typeof BuildingSheet>;

export const HouseholdNotice = z
  .object({
    householdId: z.string(),
    /** e.g. "1号楼 1单元 101" */
    address: z.string(),
    /** The zh-CN notice, as printed. */
    text: z.string(),
    site: z.object({ name: z.string(), address: z.string() }).nullable(),
    slot: z.object({ startsAt: z.string(), endsAt: z.string() }).nullable(),
    homeVisit: z.boolean(),
    residents: z.array(
      z.object({
        residentId: z.string(),
        /** Masked, e.g. "雷*". */
        name: z.string(),
        /** Signed QR token (SQ1.…), verifiable offline with /api/token-key. */
        token: z.string(),
        /** Six digits for looking up one's own results with one's ID number (/lookup). */
        lookupCode: z.string(),
      }),
    ),
    status: NoticeStatusEnum,
  })
  .openapi("HouseholdNotice");
export type HouseholdNotice = z.infer<typeof HouseholdNotice>;

export const HouseholdNoticeList = z
  .object({ items: z.array(HouseholdNotice) })
  .openapi("HouseholdNoticeList");

export const NoticeSummary = z
  .object({
    households: z.number(),
    byStatus: z.object({
      pending: z.number(),
      queued: z.number(),
      sent: z.number(),
      notified: z.number(),
      unreachable: z.number(),
    }),
  })
  .openapi("NoticeSummary");
export type NoticeSummary = z.infer<typeof NoticeSummary>;

export const NoticeSummaryQuery = z.object({ regionId: Id.optional() });

export const NoticeHouseholdItem = z
  .object({
    householdId: z.string(),
    address: z.string(),
    /** Masked, e.g. "138****5678". */
    phones: z.array(z.string()),
    status: NoticeStatusEnum,
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    site: z.string().nullable(),
    note: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi("NoticeHouseholdRow");
export type NoticeHouseholdItem = z.infer<typeof NoticeHouseholdItem>;

export const NoticeHouseholdQuery = z.object({
  regionId: Id.optional(),
  status: NoticeStatusEnum.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type NoticeHouseholdQuery = z.infer<typeof NoticeHouseholdQuery>;

export const NoticeHouseholdPage = z
  .object({ items: z.array(NoticeHouseholdItem), total: z.number() })
  .openapi("NoticeHouseholdPage");
export type NoticeHouseholdPage = z.infer<typeof NoticeHouseholdPage>;

export const NoticeStatusInput = z
  .object({
    status: z.enum(["notified", "unreachable"]),
    note: z.string().trim().max(200).optional(),
  })
  .openapi("NoticeStatusInput");
export type NoticeStatusInput = z.infer<typeof NoticeStatusInput>;

export const NoticeRunInput = z.object({ regionId: Id.optional() }).openapi("NoticeRunInput");
export type NoticeRunInput = z.infer<typeof NoticeRunInput>;

export const NoticeRun = z
  .object({
    id: z.string(),
    status: z.enum(["running", "done"]),
    /** Messages in the run (one per mobile number of each household told). */
    total: z.number(),
    /** Messages waiting or being sent. */
    queued: z.number(),
    sent: z.number(),
    failed: z.number(),
    /** Households the run covered, and those of them without a mobile number (unreachable at once). */
    households: z.number(),
    noPhone: z.number(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("NoticeRun");
export type NoticeRun = z.infer<typeof NoticeRun>;

export const NoticeRunList = z.object({ items: z.array(NoticeRun) }).openapi("NoticeRunList");

export const TokenKeyView = z
  .object({
    keyId: z.string(),
    /** base64url of the 32-byte Ed25519 public key. */
    publicKey: z.string(),
  })
  .openapi("TokenKey");
