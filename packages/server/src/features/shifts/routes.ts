import { createRoute, z } from "@hono/zod-openapi";
import { RestRules } from "@shequ/core/rest-rules";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { assignWorker, cancelAssignment } from "./assign-worker";
import { attendanceRoutes, myShiftLookupRoutes } from "./attendance-routes";
import { generateDemands, listDemands, putDemand } from "./demands";
import { getBoard } from "./get-board";
import { listCandidates } from "./list-candidates";
import { acceptProposal, proposeShifts } from "./propose-fill";
import { getRoundRules, setRoundRules } from "./round-rules";
import {
  AcceptInput,
  AcceptResult,
  AssignInput,
  AssignmentView,
  Board,
  CampaignQuery,
  CandidateList,
  DemandInput,
  DemandList,
  DemandView,
  GenerateInput,
  GenerateResult,
  Proposal,
  ProposeInput,
} from "./shift-schema";

const TAGS = ["shifts"];
const NOT_FOUND = { description: "No such round, point, shift or person in your area" };
const INVALID = { description: "Bad input: details.issues says which field and why" };
const REFUSED = {
  description:
    "details.code: unqualified, overlap (never overridable), unavailable, rest_rule (with violations; override with a reason), already_assigned, worker_inactive",
};

/** Shifts: what each point needs, who is planned, the proposal, the rules; plus check-in and hours. */
export function shiftRoutes(deps: AppDeps) {
  const planning = createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/demands",
        tags: TAGS,
        summary: "A round's shift demands (per point, zone and window) with how many are planned",
        request: { query: CampaignQuery },
        responses: { 200: json(DemandList, "The demands in time order"), 404: NOT_FOUND },
      }),
      async (c) => c.json({ items: await listDemands(deps.db, c.var.user, c.req.valid("query")) }, 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/demands",
        tags: TAGS,
        summary: "Set how many people a point's zone needs in a window (one per point, zone and start)",
        request: { body: body(DemandInput) },
        responses: { 200: json(DemandView, "The demand"), 404: NOT_FOUND, 422: INVALID },
      }),
      async (c) => c.json(await putDemand(deps.db, c.var.user, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/demands/generate",
        tags: TAGS,
        summary: "Cut the point's opening hours into shifts for the zones given",
        request: { body: body(GenerateInput) },
        responses: {
          200: json(GenerateResult, "What was created, updated, skipped"),
          404: NOT_FOUND,
          422: INVALID,
        },
      }),
      async (c) => c.json(await generateDemands(deps.db, c.var.user, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/demands/{id}/candidates",
        tags: TAGS,
        summary: "Who could take the shift: those who fit first, then the others with why not",
        request: { params: IdParam },
        responses: { 200: json(CandidateList, "The people"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await listCandidates(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/assignments",
        tags: TAGS,
        summary: "Put a person on a shift by hand (override with a reason for rest rules and availability)",
        request: { body: body(AssignInput) },
        responses: { 201: json(AssignmentView, "Planned"), 404: NOT_FOUND, 409: REFUSED, 422: INVALID },
      }),
      async (c) => c.json(await assignWorker(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/assignments/{id}",
        tags: TAGS,
        summary: "Take a person off a shift",
        request: { params: IdParam },
        responses: {
          200: json(z.object({ id: z.string(), status: z.string() }), "Cancelled"),
          404: NOT_FOUND,
        },
      }),
      async (c) => c.json(await cancelAssignment(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/propose",
        tags: TAGS,
        summary: "Propose who fills the open places (not saved)",
        request: { body: body(ProposeInput) },
        responses: { 200: json(Proposal, "The proposal and the gaps left"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await proposeShifts(deps.db, c.var.user, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/propose/accept",
        tags: TAGS,
        summary: "Save an accepted proposal; lines that no longer fit are refused and named",
        request: { body: body(AcceptInput) },
        responses: { 200: json(AcceptResult, "Saved and refused lines"), 404: NOT_FOUND, 422: INVALID },
      }),
      async (c) => c.json(await acceptProposal(deps.db, c.var.user, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/board",
        tags: TAGS,
        summary: "The board: every shift with its people and gap, and per point and hour the totals",
        request: { query: CampaignQuery },
        responses: { 200: json(Board, "The board"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getBoard(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/rules/{id}",
        tags: TAGS,
        summary: "The round's rest rules",
        request: { params: IdParam },
        responses: { 200: json(RestRules, "The rules"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getRoundRules(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/rules/{id}",
        tags: TAGS,
        summary: "Set the round's rest rules",
        request: { params: IdParam, body: body(RestRules) },
        responses: { 200: json(RestRules, "The rules"), 404: NOT_FOUND, 422: INVALID },
      }),
      async (c) =>
        c.json(await setRoundRules(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("json")), 200),
    );
  return createRouter().route("/", planning).route("/", attendanceRoutes(deps));
}

/** A worker's own shifts by badge code under /api/public/my-shifts (no session, rate limited). */
export function myShiftRoutes(deps: AppDeps) {
  return myShiftLookupRoutes(deps);
}
