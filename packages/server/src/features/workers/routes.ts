import { createRoute, z } from "@hono/zod-openapi";
import {
  VolunteerCommunity,
  VolunteerSignupInput,
  WORKER_SOURCES,
  WorkerBadgeList,
  WorkerBadgeQuery,
  WorkerCreateInput,
  WorkerDetail,
  WorkerListPage,
  WorkerListQuery,
  WorkerLoanInput,
  WorkerRejectInput,
  WorkerRevealInput,
  WorkerRevealResult,
  WorkerUpdateInput,
} from "@shequ/core/worker-schema";
import type { Context } from "hono";
import { clientIp } from "../../client-ip";
import { AppError } from "../../errors";
import { type AppDeps, type AppEnv, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json, spreadsheetResponse } from "../../openapi-helpers";
import { sendFile } from "../../send-file";
import { requirePermission } from "../auth/permissions";
import { toWebStream } from "../imports/sheet-writer";
import { createLookupGate } from "../result-lookup/lookup-gate";
import { createWorker } from "./create-worker";
import { commitWorkerImport, previewWorkerImport } from "./import-workers";
import { listBadges } from "./list-badges";
import { listWorkers } from "./list-workers";
import { loadWorkerDetail } from "./load-worker";
import { buildRejectedWorkers } from "./rejected-workers";
import { revealWorker } from "./reveal-worker";
import { reviewWorker } from "./review-worker";
import { getVolunteerCommunity, signUpVolunteer } from "./sign-up-volunteer";
import { updateWorker } from "./update-worker";
import { lendWorker, removeWorkerLoan } from "./worker-loans";

const TAGS = ["workers"];
const NOT_FOUND = { description: "No such worker in your area" };
const Detail = json(WorkerDetail, "The worker (phones masked)");
const ImportForm = z.object({
  file: z.any().optional().openapi({ type: "string", format: "binary" }),
  communityId: z.uuid(),
  /** The category of rows whose 来源 cell is blank. */
  defaultSource: z.enum(WORKER_SOURCES).default("volunteer"),
});
const FILE_BODY = { required: true, content: { "multipart/form-data": { schema: ImportForm } } };
const RowError = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  message: z.string(),
  firstRow: z.number().int().optional(),
});
const ImportReport = z.object({
  format: z.enum(["csv", "xlsx"]),
  headers: z.array(z.string()),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  rejectedRows: z.number().int(),
  inserts: z.number().int(),
  updates: z.number().int(),
  errors: z.array(RowError),
});
const LoanParam = z.object({ id: z.string().min(1).max(64), loanId: z.string().min(1).max(64) });

async function uploaded(c: Context<AppEnv>, form: z.infer<typeof ImportForm>) {
  requirePermission(c.var.user, "workforce.manage");
  const file: unknown = form.file;
  if (!(file instanceof File)) {
    throw new AppError("bad_request", "Choose a CSV or XLSX file to upload (form field 'file')", {
      reason: "no_file",
    });
  }
  return {
    communityId: form.communityId,
    defaultSource: form.defaultSource,
    bytes: new Uint8Array(await file.arrayBuffer()),
  };
}

/** The workforce register: /api/workers (workforce.manage, scoped by workerScopeFilter). */
export function workerRoutes(deps: AppDeps) {
  const review = (action: "approve" | "reject" | "deactivate", summary: string) =>
    createRoute({
      method: "post",
      path: `/{id}/${action}`,
      tags: TAGS,
      summary,
      request: {
        params: IdParam,
        body: { required: false, content: { "application/json": { schema: WorkerRejectInput } } },
      },
      responses: {
        200: Detail,
        404: NOT_FOUND,
        409: { description: "Not possible from the current status" },
      },
    });
  const reviewHandler = (action: "approve" | "reject" | "deactivate") => async (c: Context<AppEnv>) => {
    const input = WorkerRejectInput.safeParse(await c.req.json().catch(() => ({})));
    const reason = input.success ? input.data.reason : undefined;
    const detail = await reviewWorker(deps.db, c.var.user, {
      workerId: c.req.param("id") ?? "",
      action,
      reason,
    });
    return c.json(detail, 200);
  };
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: TAGS,
        summary: "The workforce you may plan (own communities and people lent in), phones masked",
        request: { query: WorkerListQuery },
        responses: { 200: json(WorkerListPage, "A page of workers with counts per status") },
      }),
      async (c) => c.json(await listWorkers(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: TAGS,
        summary: "Add a person (approved with a badge unless status pending; audited)",
        request: { body: body(WorkerCreateInput) },
        responses: { 201: Detail, 409: { description: "The community has a worker with this phone" } },
      }),
      async (c) => c.json(await createWorker(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/import/preview",
        tags: TAGS,
        summary: "What importing a CSV/XLSX list into a community would do; writes nothing",
        request: { body: FILE_BODY },
        responses: { 200: json(ImportReport, "The preview"), 400: { description: "Unreadable file" } },
      }),
      async (c) => {
        const opts = await uploaded(c, c.req.valid("form"));
        return c.json(await previewWorkerImport(deps.db, c.var.user, opts), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/import",
        tags: TAGS,
        summary: "Import a CSV/XLSX list into a community (valid rows, one transaction; audited)",
        request: { body: FILE_BODY },
        responses: { 200: json(ImportReport, "Imported"), 400: { description: "Unreadable file" } },
      }),
      async (c) => {
        const opts = await uploaded(c, c.req.valid("form"));
        const outcome = await commitWorkerImport(deps.db, c.var.user, opts);
        c.var.log.info({ inserts: outcome.inserts, updates: outcome.updates }, "workers imported");
        return c.json(outcome, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/import/rejected",
        tags: TAGS,
        summary:
          "The rows an import of this file would leave out, with an 错误原因 column (CSV with BOM, or XLSX); writes nothing",
        request: {
          body: FILE_BODY,
          query: z.object({ format: z.enum(["csv", "xlsx"]).optional() }),
        },
        responses: { 200: spreadsheetResponse, 400: { description: "Unreadable file" } },
      }),
      async (c) => {
        const form = c.req.valid("form");
        const opts = await uploaded(c, form);
        const file = await buildRejectedWorkers(deps.db, c.var.user, {
          ...opts,
          filename: form.file instanceof File ? form.file.name : "",
          format: c.req.valid("query").format,
        });
        file.done.catch((err) => c.var.log.error({ err }, "rejected workers file failed"));
        return sendFile(c, { ...file, body: toWebStream(file.writer) });
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/badges",
        tags: TAGS,
        summary: "Badge cards to print (approved people of a community, or ?ids=), with QR codes; audited",
        request: { query: WorkerBadgeQuery },
        responses: { 200: json(WorkerBadgeList, "The cards") },
      }),
      async (c) => c.json(await listBadges(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}",
        tags: TAGS,
        summary: "One worker with their loans (masked)",
        request: { params: IdParam },
        responses: { 200: Detail, 404: NOT_FOUND },
      }),
      async (c) => {
        requirePermission(c.var.user, "workforce.manage");
        return c.json(await loadWorkerDetail(deps.db, c.var.user, c.req.valid("param").id), 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}",
        tags: TAGS,
        summary: "Edit a worker's details (audited)",
        request: { params: IdParam, body: body(WorkerUpdateInput) },
        responses: { 200: Detail, 404: NOT_FOUND, 409: { description: "Phone taken in the community" } },
      }),
      async (c) => {
        const input = { workerId: c.req.valid("param").id, ...c.req.valid("json") };
        return c.json(await updateWorker(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/reveal",
        tags: TAGS,
        summary: "Show the phone and/or emergency phone unmasked (audited)",
        request: { params: IdParam, body: body(WorkerRevealInput) },
        responses: { 200: json(WorkerRevealResult, "The unmasked values"), 404: NOT_FOUND },
      }),
      async (c) => {
        const input = { workerId: c.req.valid("param").id, ...c.req.valid("json") };
        return c.json(await revealWorker(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      review("approve", "Approve a sign-up: issues the armband number and badge QR (audited)"),
      reviewHandler("approve"),
    )
    .openapi(
      review("reject", "Reject a pending sign-up; an optional reason goes in the note (audited)"),
      reviewHandler("reject"),
    )
    .openapi(
      review("deactivate", "Stand an approved person down: their badge stops working (audited)"),
      reviewHandler("deactivate"),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/loans",
        tags: TAGS,
        summary: "Lend the person to another community for a period (audited)",
        request: { params: IdParam, body: body(WorkerLoanInput) },
        responses: { 201: Detail, 404: NOT_FOUND, 409: { description: "Overlaps another loan" } },
      }),
      async (c) => {
        const input = { workerId: c.req.valid("param").id, ...c.req.valid("json") };
        return c.json(await lendWorker(deps.db, c.var.user, input), 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/{id}/loans/{loanId}",
        tags: TAGS,
        summary: "End a loan by removing it (audited)",
        request: { params: LoanParam },
        responses: { 200: Detail, 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, loanId } = c.req.valid("param");
        return c.json(await removeWorkerLoan(deps.db, c.var.user, { workerId: id, loanId }), 200);
      },
    );
}

const CommunityParam = z.object({ communityId: z.string().min(1).max(64) });

/**
 * The public volunteer sign-up under /api/public/volunteers, no account: the community's name
 * for the page, and the form. Both are rate limited per client address, in memory.
 */
export function volunteerSignupRoutes(deps: AppDeps) {
  const readGate = createLookupGate({
    perClient: 120,
    wrongPerIdNumber: 1,
    windowMs: 10 * 60_000,
    inFlight: 8,
  });
  const signupGate = createLookupGate({
    perClient: 30,
    wrongPerIdNumber: 1,
    windowMs: 10 * 60_000,
    inFlight: 8,
  });
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/communities/{communityId}",
        tags: ["public"],
        summary: "The community a sign-up page is for: its name and subdistrict",
        request: { params: CommunityParam },
        responses: {
          200: json(VolunteerCommunity, "The community"),
          404: { description: "Not a community" },
        },
      }),
      async (c) => {
        const { communityId } = c.req.valid("param");
        const answer = await readGate.run(clientIp(c), "community", () =>
          getVolunteerCommunity(deps.db, communityId),
        );
        return c.json(answer, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{communityId}",
        tags: ["public"],
        summary: "A citizen volunteers: lands pending; the same phone again merges (same answer)",
        request: { params: CommunityParam, body: body(VolunteerSignupInput) },
        responses: {
          201: json(z.object({ status: z.literal("pending") }), "Received: the community will approve"),
          404: { description: "Not a community" },
          422: { description: "Malformed phone or missing name: details.issues names the field" },
          429: { description: "Too many sign-ups from this address: Retry-After" },
        },
      }),
      async (c) => {
        const input = { communityId: c.req.valid("param").communityId, ...c.req.valid("json") };
        const answer = await signupGate.run(clientIp(c), "signup", () => signUpVolunteer(deps.db, input));
        return c.json(answer, 201);
      },
    );
}
