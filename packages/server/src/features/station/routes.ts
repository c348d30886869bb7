import { createRoute } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, jsonResponse as json } from "../../openapi-helpers";
import { getStationBootstrap } from "./get-bootstrap";
import { listStationScans, listStationTubes } from "./list-station";
import { scanQueueOf } from "./scan-queue";
import {
  ScanBatchInput,
  ScanList,
  ScanResults,
  StationBootstrap,
  StationPointQuery,
  StationScansQuery,
  TubeList,
} from "./station-schema";

const TAGS = ["station"];
const NOT_FOUND = { description: "No such round or collection point in your area" };
const INVALID = { description: "Bad input: details.issues says which field and why" };

/** The collection-point station: its offline copy, its scans (the only write), its tubes. */
export function stationRoutes(deps: AppDeps) {
  const scans = scanQueueOf(deps);
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/bootstrap",
        tags: TAGS,
        summary: "The point's households (masked names, hashed ID numbers) and token keys, for offline work",
        request: { query: StationPointQuery },
        responses: {
          200: json(StationBootstrap, "The station's local copy"),
          404: NOT_FOUND,
          409: { description: "The round is a draft or closed" },
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        return c.json(await getStationBootstrap(deps.db, c.var.user, { ...q, config: deps.config }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/scans",
        tags: TAGS,
        summary:
          "Apply a station's scans in seq order, exactly once; answers after their group commit is durable",
        request: { body: body(ScanBatchInput) },
        responses: {
          200: json(ScanResults, "One result per scan, in the order sent"),
          404: NOT_FOUND,
          422: INVALID,
          429: { description: "Busy: the scans were not taken; send them again after Retry-After seconds" },
        },
      }),
      async (c) => {
        const results = await scans.record(c.var.user, c.req.valid("json"));
        return c.json({ results }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/tubes",
        tags: TAGS,
        summary: "The point's tubes in the round, newest first",
        request: { query: StationPointQuery },
        responses: { 200: json(TubeList, "The tubes"), 404: NOT_FOUND },
      }),
      async (c) => c.json({ items: await listStationTubes(deps.db, c.var.user, c.req.valid("query")) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/scans",
        tags: TAGS,
        summary: "The latest 1,000 scans of a station with their outcome",
        request: { query: StationScansQuery },
        responses: { 200: json(ScanList, "The scans, in seq order") },
      }),
      async (c) =>
        c.json({ items: await listStationScans(deps.db, c.var.user, c.req.valid("query").stationId) }, 200),
    );
}
