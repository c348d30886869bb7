import { createRoute, z } from "@hono/zod-openapi";
import { RESIDENT_FLAGS } from "@shequ/core/flags";
import { IMPORT_FIELDS } from "@shequ/core/import-columns";
import type { Context } from "hono";
import { AppError } from "../../errors";
import { type AppDeps, type AppEnv, createRouter } from "../../http";
import { IdParam, jsonResponse as json, spreadsheetResponse } from "../../openapi-helpers";
import { sendFile } from "../../send-file";
import { actorOf } from "./actor";
import { commitJob } from "./commit-job";
import { createImport } from "./create-import";
import { discardImport } from "./discard-import";
import { exportResidents } from "./export-residents";
import { listImports } from "./list-imports";
import { previewJob } from "./preview-job";
import { buildRejectedFile } from "./rejected-file";
import { toWebStream } from "./sheet-writer";

/** File header → field ("" ignores the column). */
const Mapping = z.record(z.string().max(200), z.union([z.enum(IMPORT_FIELDS), z.literal("")]));
const Format = z.enum(["csv", "xlsx"]);

const RowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
const Creates = z.object({ buildings: z.number(), units: z.number(), households: z.number() });
const Preview = z.object({
  jobId: z.string(),
  filename: z.string(),
  format: Format,
  encoding: z.string().optional(),
  headers: z.array(z.string()),
  headerRow: z.number().int(),
  mapping: z.record(z.string(), z.string()),
  missingFields: z.array(z.string()),
  unmappedHeaders: z.array(z.string()),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  rejectedRows: z.number().int(),
  errors: z.array(RowErrorSchema),
  errorCounts: z.record(z.string(), z.number()),
  creates: Creates,
  updates: z.number().int(),
  inserts: z.number().int(),
});
const CommitResult = z.object({
  jobId: z.string(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  creates: Creates,
});
const JobSummary = z.object({
  id: z.string(),
  filename: z.string(),
  status: z.string(),
  totalRows: z.number(),
  validRows: z.number(),
  rejectedRows: z.number(),
  insertedRows: z.number(),
  updatedRows: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const ExportQuery = z.object({
  format: Format.default("xlsx"),
  regionId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  /** "bedridden,cannot_walk": every listed flag must be present. */
  flags: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(RESIDENT_FLAGS)))
    .optional(),
  unmasked: z.enum(["1", "0", "true", "false"]).optional(),
});

export function importRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: ["imports"],
        summary: "Your imports, newest first",
        responses: { 200: json(z.object({ items: z.array(JobSummary) }), "Imports") },
      }),
      async (c) => c.json({ items: await listImports(deps.db, c.var.user) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: ["imports"],
        summary: "Upload a residents CSV or XLSX (form field `file`); answers the preview, imports nothing",
        request: {
          body: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: z.object({
                  file: z.any().optional().openapi({ type: "string", format: "binary" }),
                  mapping: z.string().optional().openapi({ description: "JSON: file header → field" }),
                }),
              },
            },
          },
        },
        responses: {
          200: json(Preview, "What the import would do"),
          400: { description: "Unreadable file" },
        },
      }),
      async (c) => {
        const form = c.req.valid("form");
        const file: unknown = form.file;
        if (!(file instanceof File)) {
          throw new AppError("bad_request", "Choose a CSV or XLSX file to upload (form field 'file')", {
            reason: "no_file",
          });
        }
        const mapping = form.mapping ? parseMapping(form.mapping) : undefined;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const preview = await createImport(deps.handle, c.var.user, { filename: file.name, bytes, mapping });
        c.var.log.info({ jobId: preview.jobId, rows: preview.totalRows }, "import previewed");
        return c.json(preview, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/preview",
        tags: ["imports"],
        summary: "Check the uploaded file again with your column mapping",
        request: {
          params: IdParam,
          body: { content: { "application/json": { schema: z.object({ mapping: Mapping }) } } },
        },
        responses: { 200: json(Preview, "What the import would do"), 404: { description: "No such import" } },
      }),
      async (c) => {
        const { mapping } = c.req.valid("json");
        return c.json(await previewJob(deps.handle, c.var.user, c.req.valid("param").id, mapping), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/commit",
        tags: ["imports"],
        summary: "Import the valid rows in one transaction; rejected rows stay downloadable",
        request: {
          params: IdParam,
          body: {
            required: false,
            content: { "application/json": { schema: z.object({ mapping: Mapping.optional() }) } },
          },
        },
        responses: {
          200: json(CommitResult, "Imported"),
          409: { description: "Already committed or discarded" },
        },
      }),
      async (c) => {
        const body = await readOptionalJson(c);
        const outcome = await commitJob(deps.handle, c.var.user, c.req.valid("param").id, body.mapping);
        c.var.log.info(
          { jobId: outcome.jobId, inserted: outcome.inserted, updated: outcome.updated },
          "import committed",
        );
        return c.json(outcome, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/rejected",
        tags: ["imports"],
        summary: "The rejected rows with an 错误原因 column (CSV with BOM, or XLSX)",
        request: { params: IdParam, query: z.object({ format: Format.optional() }) },
        responses: { 200: spreadsheetResponse, 404: { description: "No such import" } },
      }),
      async (c) => {
        const { format } = c.req.valid("query");
        const file = await buildRejectedFile(deps.handle, c.var.user, c.req.valid("param").id, format);
        file.done.catch((err) => c.var.log.error({ err }, "rejected-rows file failed"));
        return sendFile(c, { ...file, body: toWebStream(file.writer) });
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/discard",
        tags: ["imports"],
        summary: "Import nothing: drop the uploaded file",
        request: { params: IdParam },
        responses: { 200: json(z.object({ status: z.string() }), "Discarded") },
      }),
      async (c) => c.json(await discardImport(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/export/residents",
        tags: ["imports"],
        summary: "Export residents with the import's columns; masked unless unmasked=1 and allowed (audited)",
        request: { query: ExportQuery },
        responses: { 200: spreadsheetResponse, 403: { description: "Not allowed to export (unmasked)" } },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const file = await exportResidents(deps.db, actorOf(c.var.user), {
          format: q.format,
          regionId: q.regionId,
          q: q.q,
          flags: q.flags,
          unmasked: q.unmasked === "1" || q.unmasked === "true",
        });
        file.done.catch((err) => c.var.log.error({ err }, "export failed mid-way"));
        return sendFile(c, { ...file, body: toWebStream(file.writer) });
      },
    );
}

function parseMapping(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("validation", 'mapping must be JSON: {"file header": "field"}');
  }
  const parsed = Mapping.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      "validation",
      `mapping: use the fields ${IMPORT_FIELDS.join(", ")} or "" to ignore a column`,
    );
  }
  return parsed.data;
}

/** The commit body is optional: an empty body means "use the mapping of the last preview". */
async function readOptionalJson(c: Context<AppEnv>): Promise<{ mapping?: Record<string, string> }> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body must be JSON");
  }
  const parsed = z.object({ mapping: Mapping.optional() }).safeParse(value);
  if (!parsed.success) throw new AppError("validation", "mapping: file header → field");
  return parsed.data;
}
