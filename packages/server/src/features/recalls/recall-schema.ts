import { z } from "@hono/zod-openapi";

/**
 * A task's status as the community works it: open (nobody reached yet), controlled (household
 * reached and kept home), resampled (everyone re-sampled, results pending), closed (every
 * re-sample has a result). "positive" in a filter means tasks with a positive re-sample, closed
 * or not: they stay findable for the health authority's follow-up.
 */
export const TASK_STATUSES = ["open", "controlled", "resampled", "closed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const RecallListQuery = z.object({
  campaignId: z.string().min(1).max(64),
  /** A community, grid, building or unit in your area. */
  regionId: z.string().min(1).max(64).optional(),
  /** "active" (default): everything not closed; "all": closed ones too. */
  status: z.enum(["active", "all", ...TASK_STATUSES, "positive"]).default("active"),
});
export type RecallListQuery = z.infer<typeof RecallListQuery>;

export const RecallCampaignQuery = z.object({ campaignId: z.string().min(1).max(64) });

const Result = z.enum(["negative", "positive", "invalid"]);

export const RecallPerson = z.object({
  recallId: z.string(),
  residentId: z.string(),
  /** Masked: 雷*. */
  name: z.string(),
  age: z.number().nullable(),
  sex: z.enum(["M", "F"]).nullable(),
  /** open: to re-sample; resampled: single tube bound, result pending; closed: result in. */
  status: z.enum(["open", "resampled", "closed"]),
  /** The re-sample's result; "invalid" on an open recall means: sample again. */
  result: Result.nullable(),
  resampledAt: z.string().nullable(),
  resampleBarcode: z.string().nullable(),
});
export type RecallPerson = z.infer<typeof RecallPerson>;

export const RecallTask = z
  .object({
    id: z.string(),
    householdId: z.string(),
    /** Building, unit and door: 1号楼 1单元 101. */
    address: z.string(),
    gridId: z.string(),
    reason: z.enum(["positive", "invalid"]),
    status: z.enum(TASK_STATUSES),
    /** Some re-sample came back positive: for the health authority's follow-up. */
    positive: z.boolean(),
    tube: z.object({
      barcode: z.string(),
      testedAt: z.string().nullable(),
      /** The tube's result now: differs from `reason` when the lab corrected it (a settled conflict). */
      result: Result.nullable(),
    }),
    controlledAt: z.string().nullable(),
    note: z.string().nullable(),
    homeSampling: z.boolean(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    people: z.array(RecallPerson),
  })
  .openapi("RecallTask");
export type RecallTask = z.infer<typeof RecallTask>;

export const RecallCounts = z.object({
  households: z.number(),
  people: z.number(),
  /** People still to re-sample. */
  open: z.number(),
  resampled: z.number(),
  closed: z.number(),
  positive: z.number(),
});
export type RecallCounts = z.infer<typeof RecallCounts>;

export const RecallList = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string() }),
    /** Over the round and region filter, whatever the status filter. */
    counts: RecallCounts,
    /** Every grid with tasks in your area, for the grid filter. */
    grids: z.array(
      z.object({ id: z.string(), name: z.string(), communityName: z.string(), households: z.number() }),
    ),
    /** The tasks that pass the filters, per grid, in walking order. */
    groups: z.array(
      z.object({
        gridId: z.string(),
        gridName: z.string(),
        communityName: z.string(),
        tasks: z.array(RecallTask),
      }),
    ),
    /** More tasks than one answer carries: narrow by grid. */
    truncated: z.boolean(),
  })
  .openapi("RecallList");
export type RecallList = z.infer<typeof RecallList>;

export const ControlInput = z
  .object({
    /** What was agreed with the household, e.g. "已电话联系，居家等待上门". No ID numbers. */
    note: z.string().trim().max(200).optional(),
    /** false clears a tick set by mistake. */
    controlled: z.boolean().default(true),
  })
  .openapi("RecallControlInput");
export type ControlInput = z.infer<typeof ControlInput>;

export const HomeSamplingInput = z.object({ on: z.boolean() }).openapi("RecallHomeSamplingInput");
export type HomeSamplingInput = z.infer<typeof HomeSamplingInput>;

const SampleView = z.object({
  sampleId: z.string(),
  sampledAt: z.string(),
  site: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Null for a sample recorded before the station named tubes. */
  tube: z
    .object({ barcode: z.string(), single: z.boolean(), poolSize: z.number(), status: z.string() })
    .nullable(),
  result: Result.nullable(),
  testedAt: z.string().nullable(),
  fever: z.boolean(),
  /** This sample is a recall's re-sample. */
  resample: z.boolean(),
});

/**
 * In one word, where the person stands in the round: not_in_round, not_sampled, waiting (tube
 * result pending), negative, recalled (to re-sample), resampled (re-sample result pending),
 * positive, invalid (a single tube came back invalid: sample again).
 */
export const RESIDENT_STATES = [
  "not_in_round",
  "not_sampled",
  "waiting",
  "negative",
  "recalled",
  "resampled",
  "positive",
  "invalid",
] as const;
export type ResidentState = (typeof RESIDENT_STATES)[number];

export const ResidentRoundStatus = z
  .object({
    residentId: z.string(),
    campaign: z.object({ id: z.string(), name: z.string() }),
    state: z.enum(RESIDENT_STATES),
    /** Live samples in the round, oldest first. */
    samples: z.array(SampleView),
    recalls: z.array(
      z.object({
        id: z.string(),
        reason: z.enum(["positive", "invalid"]),
        /** The pooled tube that recalled the person. */
        tubeBarcode: z.string(),
        status: z.enum(["open", "resampled", "closed"]),
        result: Result.nullable(),
        createdAt: z.string(),
        closedAt: z.string().nullable(),
        homeSampling: z.boolean(),
        controlledAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("ResidentRoundStatus");
export type ResidentRoundStatus = z.infer<typeof ResidentRoundStatus>;

export const RecallWalkIns = z
  .object({
    items: z.array(
      z.object({
        walkInId: z.string(),
        /** Masked; the registry owners reveal and resolve them. */
        name: z.string(),
        idNumberMasked: z.string(),
        phoneMasked: z.string().nullable(),
        site: z.object({ id: z.string(), name: z.string() }),
        tubeBarcode: z.string(),
        reason: z.enum(["positive", "invalid"]),
        testedAt: z.string(),
        status: z.string(),
      }),
    ),
  })
  .openapi("RecallWalkIns");
export type RecallWalkIns = z.infer<typeof RecallWalkIns>;
