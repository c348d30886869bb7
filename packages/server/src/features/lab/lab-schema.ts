import { z } from "@hono/zod-openapi";
import { LINE_CODES, TUBE_RESULTS } from "@shequ/core/lab-results";

const Result = z.enum(TUBE_RESULTS);

export const ReportLineSchema = z.object({
  line: z
    .number()
    .int()
    .openapi({ description: "The row number Excel shows, or the 1-based index in an API post" }),
  barcode: z.string(),
  code: z.enum(LINE_CODES).exclude(["applied"]),
  reason: z.string().openapi({ example: "tube_unknown" }),
  otherLine: z.number().int().optional(),
  result: Result.optional(),
  existing: Result.optional(),
  message: z.string(),
  messageEn: z.string(),
});

const Counts = {
  lines: z.number().int(),
  applied: z.number().int(),
  repeated: z.number().int(),
  unknown: z.number().int(),
  conflicts: z.number().int(),
  invalid: z.number().int(),
};

export const BatchSummarySchema = z.object({
  id: z.string(),
  source: z.enum(["file", "api"]),
  fileName: z.string().nullable(),
  ...Counts,
  createdAt: z.string(),
  by: z.string().nullable(),
});

export const BatchSchema = BatchSummarySchema.extend({
  report: z.array(ReportLineSchema).openapi({ description: "Every line not applied, with its reason" }),
});

export const PreviewSchema = z.object({
  fileName: z.string(),
  format: z.enum(["csv", "xlsx"]),
  ...Counts,
  report: z.array(ReportLineSchema),
});

export const UploadForm = z.object({
  file: z.any().optional().openapi({ type: "string", format: "binary" }),
});

export const ApiResultsInput = z.object({
  results: z
    .array(
      z.object({
        barcode: z.string().max(200),
        result: z.string().max(50).openapi({ example: "negative" }),
        testedAt: z.string().max(64).openapi({ example: "2026-11-28T13:05:00+08:00" }),
      }),
    )
    .min(1)
    .max(5000),
});

export const ReportQuery = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  lang: z.enum(["zh", "en"]).default("zh"),
});

const ResultAt = z.object({ result: Result, testedAt: z.string() });
export const ConflictSchema = z.object({
  id: z.string(),
  barcode: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  siteName: z.string(),
  current: ResultAt.nullable(),
  incoming: ResultAt,
  batchId: z.string(),
  batchSource: z.enum(["file", "api"]),
  batchFileName: z.string().nullable(),
  createdAt: z.string(),
  settled: z
    .object({
      at: z.string(),
      by: z.string().nullable(),
      keep: z.enum(["existing", "new"]),
      reason: z.string(),
      previousResult: Result.nullable(),
    })
    .nullable(),
});

export const ConflictQuery = z.object({ status: z.enum(["open", "settled"]).default("open") });

export const SettleInputSchema = z.object({
  keep: z.enum(["existing", "new"]),
  reason: z.string().trim().min(2, "Say why (at least 2 characters)").max(500),
});

export const TokenInput = z.object({
  name: z.string().trim().min(1).max(100).openapi({ example: "城关区疾控中心 PCR 实验室 1号机" }),
  regionId: z.string().min(1).max(64),
});

export const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const NewTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: "Shown once: only its sha256 is kept" }),
});
