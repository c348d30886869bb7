import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../errors";
import { type AppDeps, type AppEnv, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { sendFile } from "../../send-file";
import { requirePermission } from "../auth/permissions";
import { CONTENT_TYPES, toWebStream } from "../imports/sheet-writer";
import { applyResults } from "./apply-results";
import { authenticateLabToken } from "./authenticate-token";
import { actorOfUser, type LabActor } from "./lab-actor";
import {
  ApiResultsInput,
  BatchSchema,
  BatchSummarySchema,
  ConflictQuery,
  ConflictSchema,
  NewTokenSchema,
  PreviewSchema,
  ReportQuery,
  SettleInputSchema,
  TokenInput,
  TokenSchema,
  UploadForm,
} from "./lab-schema";
import { createLabToken, listLabTokens, revokeLabToken } from "./lab-tokens";
import { getBatch, listBatches, writeBatchReport } from "./list-batches";
import { listConflicts } from "./list-conflicts";
import { previewResults } from "./preview-results";
import { readResultFile } from "./read-result-file";
import { settleConflict } from "./settle-conflict";

const TAGS = ["lab"];
const FILE_BODY = { required: true, content: { "multipart/form-data": { schema: UploadForm } } };
const BAD_FILE = {
  description: "Unreadable file, or no 管码/结果/检测时间 columns: details.reason says which",
};
const NOT_FOUND = { description: "Not found in your area" };

async function uploadedFile(c: Context<AppEnv>, form: { file?: unknown }) {
  const file = form.file;
  if (!(file instanceof File)) {
    throw new AppError("bad_request", "Choose a CSV or XLSX file to upload (form field 'file')", {
      reason: "no_file",
    });
  }
  const read = await readResultFile(new Uint8Array(await file.arrayBuffer()));
  c.var.log.info({ lines: read.inputs.length, format: read.format }, "lab result file read");
  return { fileName: file.name, ...read };
}

/** Lab staff: result files, batches, conflicts, and their machines' tokens (all need lab.results). */
export function labRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use("*", async (c, next) => {
    requirePermission(c.var.user, "lab.results");
    await next();
  });
  return router
    .openapi(
      createRoute({
        method: "post",
        path: "/results/preview",
        tags: TAGS,
        summary: "What a result file would do, line by line; writes nothing",
        request: { body: FILE_BODY },
        responses: { 200: json(PreviewSchema, "The preview"), 400: BAD_FILE },
      }),
      async (c) => {
        const file = await uploadedFile(c, c.req.valid("form"));
        return c.json(await previewResults(deps.db, actorOfUser(c.var.user), file), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/results",
        tags: TAGS,
        summary: "Apply a result file (CSV/XLSX: 管码, 结果, 检测时间) as one batch",
        request: { body: FILE_BODY },
        responses: { 201: json(BatchSchema, "The batch and every line not applied"), 400: BAD_FILE },
      }),
      async (c) => {
        const file = await uploadedFile(c, c.req.valid("form"));
        const batch = await applyResults(deps.db, actorOfUser(c.var.user), {
          source: "file",
          fileName: file.fileName,
          inputs: file.inputs,
        });
        c.var.log.info({ batchId: batch.id, applied: batch.applied }, "lab results applied");
        return c.json(batch, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/batches",
        tags: TAGS,
        summary: "The latest 200 batches of your area, newest first",
        responses: { 200: json(z.object({ items: z.array(BatchSummarySchema) }), "Batches") },
      }),
      async (c) => c.json({ items: await listBatches(deps.db, actorOfUser(c.var.user)) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/batches/{id}",
        tags: TAGS,
        summary: "One batch with every line not applied",
        request: { params: IdParam },
        responses: { 200: json(BatchSchema, "The batch"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getBatch(deps.db, actorOfUser(c.var.user), c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/batches/{id}/report",
        tags: TAGS,
        summary: "The lines not applied as a spreadsheet (CSV with BOM by default, or XLSX)",
        request: { params: IdParam, query: ReportQuery },
        responses: { 200: { description: "The report file" }, 404: NOT_FOUND },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const file = await writeBatchReport(deps.db, actorOfUser(c.var.user), c.req.valid("param").id, q);
        file.done.catch((err) => c.var.log.error({ err }, "batch report file failed"));
        return sendFile(c, {
          filename: file.filename,
          contentType: CONTENT_TYPES[q.format],
          body: toWebStream(file.writer),
        });
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/conflicts",
        tags: TAGS,
        summary: "Result conflicts over tubes of your area: open (oldest first) or settled",
        request: { query: ConflictQuery },
        responses: { 200: json(z.object({ items: z.array(ConflictSchema) }), "Conflicts") },
      }),
      async (c) =>
        c.json({ items: await listConflicts(deps.db, c.var.user, c.req.valid("query").status) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/conflicts/{id}/settle",
        tags: TAGS,
        summary: "Keep the tube's result or take the new one (which is then applied), with a reason",
        request: { params: IdParam, body: body(SettleInputSchema) },
        responses: {
          200: json(
            z.object({ id: z.string(), keep: z.enum(["existing", "new"]), result: z.string() }),
            "Settled",
          ),
          404: NOT_FOUND,
          409: { description: "Already settled" },
        },
      }),
      async (c) =>
        c.json(await settleConflict(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tokens",
        tags: TAGS,
        summary: "Lab machine tokens of your area (the token itself is never shown again)",
        responses: { 200: json(z.object({ items: z.array(TokenSchema) }), "Tokens") },
      }),
      async (c) => c.json({ items: await listLabTokens(deps.db, c.var.user) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tokens",
        tags: TAGS,
        summary: "Make a token for a lab machine to post results for tubes of a region",
        request: { body: body(TokenInput) },
        responses: { 201: json(NewTokenSchema, "The token, shown this once"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await createLabToken(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/tokens/{id}",
        tags: TAGS,
        summary: "Revoke a token: its next post gets 401",
        request: { params: IdParam },
        responses: {
          200: json(z.object({ id: z.string(), revokedAt: z.string() }), "Revoked"),
          404: NOT_FOUND,
        },
      }),
      async (c) => c.json(await revokeLabToken(deps.db, c.var.user, c.req.valid("param").id), 200),
    );
}

/** The lab machines' API: no session, `Authorization: Bearer <token>` from POST /api/lab/tokens. */
export function labApiRoutes(deps: AppDeps) {
  // The token is checked before the body: a caller without a valid token learns nothing else.
  const actors = new WeakMap<Request, LabActor>();
  const router = createRouter();
  router.openAPIRegistry.registerComponent("securitySchemes", "labToken", { type: "http", scheme: "bearer" });
  router.use("*", async (c, next) => {
    actors.set(c.req.raw, await authenticateLabToken(deps.db, c.req.header("authorization")));
    await next();
  });
  return router.openapi(
    createRoute({
      method: "post",
      path: "/results",
      tags: TAGS,
      summary:
        "Post 1–5,000 results; answers the batch with every line not applied (unknown, repeated, conflict, invalid)",
      security: [{ labToken: [] }],
      request: { body: body(ApiResultsInput) },
      responses: {
        201: json(BatchSchema, "The batch; lines not listed in `report` were applied"),
        401: { description: "Missing, unknown or revoked token" },
        422: { description: "Not 1–5,000 results, or a result without barcode, result or testedAt" },
      },
    }),
    async (c) => {
      const actor = actors.get(c.req.raw);
      if (!actor) throw new AppError("unauthenticated", "A valid lab token is required");
      const { results } = c.req.valid("json");
      const batch = await applyResults(deps.db, actor, {
        source: "api",
        fileName: null,
        inputs: results.map((r, i) => ({
          line: i + 1,
          barcode: r.barcode,
          result: r.result,
          time: r.testedAt,
        })),
      });
      c.var.log.info(
        { batchId: batch.id, tokenId: actor.tokenId, applied: batch.applied },
        "lab results posted",
      );
      return c.json(batch, 201);
    },
  );
}
