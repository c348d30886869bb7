import { createRoute, z } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { getResidentStatus } from "./get-resident-status";
import { listRecalls } from "./list-recalls";
import { listRecallWalkIns } from "./list-walk-ins";
import {
  ControlInput,
  HomeSamplingInput,
  RecallCampaignQuery,
  RecallList,
  RecallListQuery,
  RecallTask,
  RecallWalkIns,
  ResidentRoundStatus,
} from "./recall-schema";
import { controlTask, setHomeSampling } from "./work-task";

const TAGS = ["recalls"];
const NOT_FOUND = { description: "No such round, task or resident in your area" };
const INVALID = { description: "Bad input: details.issues says which field and why" };
const ResidentParam = z.object({ residentId: z.string().min(1).max(64) });

/** The recall list of positive/invalid pooled tubes, its household tasks, and a resident's round status. */
export function recallRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: TAGS,
        summary: "Recall tasks of a round in your area, per grid, with counts (names masked)",
        request: { query: RecallListQuery },
        responses: { 200: json(RecallList, "The list"), 404: NOT_FOUND, 422: INVALID },
      }),
      async (c) => c.json(await listRecalls(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/walk-ins",
        tags: TAGS,
        summary: "Walk-ins of positive/invalid pooled tubes (no household, so no task), masked",
        request: { query: RecallCampaignQuery },
        responses: { 200: json(RecallWalkIns, "The walk-ins"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await listRecallWalkIns(deps.db, c.var.user, c.req.valid("query").campaignId), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{id}/control",
        tags: TAGS,
        summary: "Tick a household reached and kept at home (已管控), with a note; or clear the tick",
        request: { params: IdParam, body: body(ControlInput) },
        responses: { 200: json(RecallTask, "The task"), 404: NOT_FOUND, 422: INVALID },
      }),
      async (c) =>
        c.json(await controlTask(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/tasks/{id}/home-sampling",
        tags: TAGS,
        summary: "Switch a household to home sampling (上门采样) or back",
        request: { params: IdParam, body: body(HomeSamplingInput) },
        responses: {
          200: json(RecallTask, "The task"),
          404: NOT_FOUND,
          409: { description: "The task is closed: everyone has a re-sample result" },
          422: INVALID,
        },
      }),
      async (c) =>
        c.json(await setHomeSampling(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/residents/{residentId}",
        tags: TAGS,
        summary: "A resident's round: sampled when and where, tube result, recall, re-sample (audited)",
        request: { params: ResidentParam, query: RecallCampaignQuery },
        responses: { 200: json(ResidentRoundStatus, "The resident's round"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(
          await getResidentStatus(deps.db, c.var.user, {
            residentId: c.req.valid("param").residentId,
            campaignId: c.req.valid("query").campaignId,
          }),
          200,
        ),
    );
}
