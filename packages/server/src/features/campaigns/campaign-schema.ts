import { z } from "@hono/zod-openapi";

const Instant = z.string().datetime({ offset: true }).openapi({ example: "2026-12-01T08:00:00+08:00" });
const Id = z.string().uuid();

export const CampaignCreateInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    regionIds: z.array(Id).min(1).max(200),
    startsAt: Instant,
    deadlineAt: Instant,
    poolSize: z.union([z.literal(5), z.literal(10), z.literal(20)]),
    slotMinutes: z.number().int().min(10).max(240).default(60),
    headroom: z.number().min(0).max(0.9).default(0.1),
    homeRunSize: z.number().int().min(1).max(200).default(12),
    /** A past round whose collection points (served regions, lanes, windows shifted) are copied. */
    copySitesFrom: Id.optional(),
  })
  .openapi("CampaignCreateInput");
export type CampaignCreateInput = z.infer<typeof CampaignCreateInput>;

export const SiteWindowInput = z.object({ startsAt: Instant, endsAt: Instant });

const SiteFields = {
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200),
  lanes: z.number().int().min(1).max(200),
  perLanePerHour: z.number().int().min(1).max(1000),
  zones: z.array(z.string().trim().min(1).max(40)).max(20),
  windows: z.array(SiteWindowInput).min(1).max(50),
  regionIds: z.array(Id).min(1).max(500),
};

export const SiteCreateInput = z
  .object({
    ...SiteFields,
    address: SiteFields.address.default(""),
    // National guide: a desk serves 600–800 people a day, about 75 an hour.
    perLanePerHour: SiteFields.perLanePerHour.default(75),
    zones: SiteFields.zones.optional(),
  })
  .openapi("SiteCreateInput");
export type SiteCreateInput = z.infer<typeof SiteCreateInput>;

/** Only the fields given change: no defaults here, or a lanes change would reset the rate. */
export const SiteUpdateInput = z.object(SiteFields).partial().openapi("SiteUpdateInput");
export type SiteUpdateInput = z.infer<typeof SiteUpdateInput>;

export const SiteCloseInput = z
  .object({
    /** An open point that takes over the regions the closing one served. */
    moveTo: Id.optional(),
  })
  .openapi("SiteCloseInput");
export type SiteCloseInput = z.infer<typeof SiteCloseInput>;

export const CampaignStatusInput = z
  .object({ status: z.enum(["scheduled", "running", "closed"]) })
  .openapi("CampaignStatusInput");

export const CampaignView = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["draft", "scheduled", "running", "closed"]),
    startsAt: z.string(),
    deadlineAt: z.string(),
    poolSize: z.number(),
    slotMinutes: z.number(),
    headroom: z.number(),
    homeRunSize: z.number(),
    regionIds: z.array(z.string()),
    scheduledAt: z.string().nullable(),
  })
  .openapi("Campaign");
export type CampaignView = z.infer<typeof CampaignView>;

export const CampaignSummary = CampaignView.extend({
  sites: z.number(),
  /** Households holding a slot. */
  households: z.number(),
  createdAt: z.string(),
}).openapi("CampaignSummary");
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignList = z.object({ items: z.array(CampaignSummary) }).openapi("CampaignList");

export const SiteView = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    lanes: z.number(),
    perLanePerHour: z.number(),
    zones: z.array(z.string()),
    windows: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
    regionIds: z.array(z.string()),
    /** When the point closed; a closed point takes no one at the next scheduling. */
    closedAt: z.string().nullable(),
  })
  .openapi("Site");
export type SiteView = z.infer<typeof SiteView>;

const SlotLoad = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  booked: z.number(),
});

export const SiteLoad = z.object({
  siteId: z.string(),
  name: z.string(),
  capacity: z.number(),
  booked: z.number(),
  /** End of the last booked slot, or null when nobody is booked there. */
  finish: z.string().nullable(),
  onTime: z.boolean(),
  /** People who did not fit in any slot. */
  shortPeople: z.number(),
  /** People booked in slots that end after the deadline. */
  latePeople: z.number(),
  /** Lane-hours before the deadline it would take to see the short and late people. */
  shortLaneHours: z.number(),
  slots: z.array(SlotLoad),
});

export const UnassignedReason = z.enum(["no_point", "household_larger_than_slot", "no_capacity"]);

export const ScheduleResult = z
  .object({
    campaign: CampaignView,
    households: z.number(),
    walkers: z.number(),
    homebound: z.number(),
    sites: z.array(SiteLoad),
    finish: z.string().nullable(),
    deadline: z.string(),
    onTime: z.boolean(),
    shortPeople: z.number(),
    latePeople: z.number(),
    shortLaneHours: z.number(),
    homeRuns: z.object({ runs: z.number(), people: z.number() }),
    /** full: a new plan for everyone; partial: a running round where only affected people moved. */
    mode: z.enum(["full", "partial"]),
    /** Households whose slot changed and who must be told again. */
    moved: z.number(),
    unassigned: z.object({
      total: z.number(),
      byReason: z.record(z.string(), z.number()),
      first: z.array(z.object({ householdId: z.string(), reason: UnassignedReason, people: z.number() })),
    }),
  })
  .openapi("ScheduleResult");
export type ScheduleResult = z.infer<typeof ScheduleResult>;

export const ScheduleView = z
  .object({
    campaign: CampaignView,
    sites: z.array(SiteView.extend({ load: SiteLoad })),
    assignedHouseholds: z.number(),
    finish: z.string().nullable(),
    onTime: z.boolean(),
    homeRuns: z.object({ runs: z.number(), people: z.number() }),
  })
  .openapi("CampaignSchedule");
export type ScheduleView = z.infer<typeof ScheduleView>;

export const HouseholdSlot = z
  .object({
    householdId: z.string(),
    campaignId: z.string(),
    site: z.object({ id: z.string(), name: z.string(), address: z.string() }).nullable(),
    slot: z.object({ startsAt: z.string(), endsAt: z.string(), people: z.number() }).nullable(),
    homeRun: z.object({ id: z.string(), seq: z.number(), stop: z.number(), people: z.number() }).nullable(),
  })
  .openapi("HouseholdSlot");
export type HouseholdSlot = z.infer<typeof HouseholdSlot>;

export const HomeRunList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        seq: z.number(),
        buildingId: z.string(),
        buildingName: z.string(),
        people: z.number(),
        stops: z.array(z.object({ householdId: z.string(), address: z.string(), people: z.number() })),
      }),
    ),
  })
  .openapi("HomeRunList");
export type HomeRunList = z.infer<typeof HomeRunList>;
