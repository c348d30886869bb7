import { createRoute, z } from "@hono/zod-openapi";
import { clientIp } from "../../client-ip";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { sendFile } from "../../send-file";
import { CONTENT_TYPES, toWebStream } from "../imports/sheet-writer";
import { createLookupGate } from "../result-lookup/lookup-gate";
import {
  AttendanceList,
  AttendanceQuery,
  HoursList,
  HoursQuery,
  MessageInput,
  MessageRun,
  MyShifts,
  OverLimitList,
  ScanInput,
  ScanResult,
} from "./attendance-schema";
import { exportHours } from "./export-hours";
import { listAttendance } from "./list-attendance";
import { findMyShifts } from "./my-shifts";
import { scanBadge } from "./scan-badge";
import { getMessageRun, sendWorkerMessages } from "./send-messages";
import { listHours, listOverLimit } from "./worker-hours";

const TAGS = ["shifts"];
const NOT_FOUND = { description: "No such round in your area" };
const CampaignParam = z.object({ campaignId: z.string().min(1).max(64) });

/** Check-in and check-out by badge, today's list, who is over a rule, hours, messages. */
export function attendanceRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "post",
        path: "/attendance/scan",
        tags: TAGS,
        summary: "A badge scanned at a point: arrival, or departure if the person is on duty",
        request: { body: body(ScanInput) },
        responses: {
          200: json(ScanResult, "Recorded"),
          404: { description: "details.code unknown_badge" },
          409: { description: "details.code scanned_twice (nothing recorded) or badge_inactive" },
        },
      }),
      async (c) => c.json(await scanBadge(deps.db, c.var.user, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/attendance",
        tags: TAGS,
        summary: "Today's arrivals and departures, who is on duty, and no-shows",
        request: { query: AttendanceQuery },
        responses: { 200: json(AttendanceList, "Today") },
      }),
      async (c) => c.json(await listAttendance(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/over-limit",
        tags: TAGS,
        summary: "Who is over a rest rule now, by actual hours",
        request: { query: CampaignParam },
        responses: { 200: json(OverLimitList, "People and the rule they break"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await listOverLimit(deps.db, c.var.user, c.req.valid("query").campaignId), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/hours",
        tags: TAGS,
        summary: "Each person's actual hours in a round",
        request: { query: HoursQuery },
        responses: { 200: json(HoursList, "Hours per person"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await listHours(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/hours/export",
        tags: TAGS,
        summary: "The hours as a spreadsheet (XLSX by default, or CSV)",
        request: { query: HoursQuery },
        responses: { 200: { description: "The file" }, 404: NOT_FOUND },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const file = await exportHours(deps.db, c.var.user, q);
        file.done.catch((err) => c.var.log.error({ err }, "hours export failed"));
        return sendFile(c, {
          filename: file.filename,
          contentType: CONTENT_TYPES[q.format],
          body: toWebStream(file.writer),
        });
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/messages",
        tags: TAGS,
        summary: "Text everyone planned on a shift, a point, or the round, through the SMS outbox",
        request: { body: body(MessageInput) },
        responses: {
          201: json(MessageRun, "Queued"),
          404: NOT_FOUND,
          422: { description: "Nobody planned there" },
        },
      }),
      async (c) => c.json(await sendWorkerMessages(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/messages/{id}",
        tags: TAGS,
        summary: "How a run of worker messages is going",
        request: { params: IdParam },
        responses: { 200: json(MessageRun, "Counts"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getMessageRun(deps.db, c.var.user, c.req.valid("param").id), 200),
    );
}

/** The public page behind a badge's link: the worker's own shifts, rate limited per client. */
export function myShiftLookupRoutes(deps: AppDeps) {
  const gate = createLookupGate({ perClient: 60, wrongPerIdNumber: 10, windowMs: 10 * 60_000, inFlight: 8 });
  return createRouter().openapi(
    createRoute({
      method: "get",
      path: "/{code}",
      tags: ["public"],
      summary: "A worker's own shifts and hours, by the code on their badge",
      request: { params: z.object({ code: z.string().min(1).max(100) }) },
      responses: {
        200: json(MyShifts, "The worker's shifts"),
        404: { description: "No badge has this code" },
        429: { description: "Too many lookups: Retry-After" },
      },
    }),
    async (c) => {
      const ip = clientIp(c);
      const answer = await gate.run(ip, `ip:${ip}`, () => findMyShifts(deps.db, c.req.valid("param").code));
      return c.json(answer, 200);
    },
  );
}
