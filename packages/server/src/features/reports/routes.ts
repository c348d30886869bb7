import { createRoute } from "@hono/zod-openapi";
import { PointsBoard, PoolHistory, Report, ReportQuery, SnapshotList } from "@shequ/core/report-schema";
import { type AppDeps, createRouter } from "../../http";
import { IdParam, jsonResponse as json } from "../../openapi-helpers";
import { sendFile } from "../../send-file";
import { exportReport } from "./export-report";
import { getPointsBoard } from "./get-points-board";
import { getReport } from "./get-report";
import { listSnapshots } from "./list-snapshots";
import { getPoolHistory } from "./pool-history";

const TAGS = ["command view"];
const NOT_FOUND = { description: "No such round or region in your area" };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The points board, the round report (JSON and XLSX) and its hourly snapshots, beside the campaign routes. */
export function reportRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/points",
        tags: TAGS,
        summary: "Points board: load in the last 15 minutes, tubes and boxes waiting, home runs left",
        request: { params: IdParam, query: ReportQuery },
        responses: { 200: json(PointsBoard, "The points, busiest first"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(await getPointsBoard(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/report",
        tags: TAGS,
        summary: "Round report of a region: the paragraph (zh-CN and English) and the table one level down",
        request: { params: IdParam, query: ReportQuery },
        responses: { 200: json(Report, "The report"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(await getReport(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/report.xlsx",
        tags: TAGS,
        summary: "The report as an XLSX workbook (汇总, the table one level down, 整点快照)",
        request: { params: IdParam, query: ReportQuery },
        responses: {
          200: { description: "The workbook", content: { [XLSX]: { schema: {} } } },
          404: NOT_FOUND,
        },
      }),
      async (c) => {
        const file = await exportReport(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query"));
        return sendFile(c, { ...file, contentType: XLSX });
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/snapshots",
        tags: TAGS,
        summary: "The round's hourly snapshots kept for the record, for a region",
        request: { params: IdParam, query: ReportQuery },
        responses: { 200: json(SnapshotList, "Oldest first"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(await listSnapshots(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query")), 200),
    );
}

/** The last round's positive pools, for the pool-size advice of a new round. */
export function poolHistoryRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: TAGS,
      summary:
        "The last round of your area with lab results: its share of positive pools and the prevalence it implies",
      responses: { 200: json(PoolHistory, "lastRound is null when no round has pooled results yet") },
    }),
    async (c) => c.json(await getPoolHistory(deps.db, c.var.user), 200),
  );
}
