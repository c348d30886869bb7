import { createRoute } from "@hono/zod-openapi";
import {
  ResidentCreateInput,
  ResidentDetail,
  ResidentListPage,
  ResidentListQuery,
  ResidentMoveOutInput,
  ResidentRevealInput,
  ResidentRevealResult,
  ResidentUpdateInput,
} from "@shequ/core/resident-schema";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { createResident } from "./create-resident";
import { findResidents } from "./find-residents";
import { getResident } from "./get-resident";
import { moveInResident, moveOutResident } from "./move-resident";
import { revealResident } from "./reveal-resident";
import { updateResident } from "./update-resident";

const NOT_FOUND = { description: "No such resident in your area" };
const STALE = { description: "Changed by someone else since it was loaded, or ID number taken" };

export function residentRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: ["residents"],
        summary: "Search residents in your area (masked), in walking order",
        request: { query: ResidentListQuery },
        responses: { 200: json(ResidentListPage, "A page of residents") },
      }),
      async (c) => c.json(await findResidents(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: ["residents"],
        summary: "Register a resident at a unit and door (resident.write; audited)",
        request: { body: body(ResidentCreateInput) },
        responses: { 201: json(ResidentDetail, "Registered"), 404: NOT_FOUND, 409: STALE },
      }),
      async (c) => c.json(await createResident(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}",
        tags: ["residents"],
        summary: "One resident with their household (masked)",
        request: { params: IdParam },
        responses: { 200: json(ResidentDetail, "The resident"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getResident(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}",
        tags: ["residents"],
        summary: "Edit a resident; send the version you loaded (resident.write; audited)",
        request: { params: IdParam, body: body(ResidentUpdateInput) },
        responses: { 200: json(ResidentDetail, "Saved"), 404: NOT_FOUND, 409: STALE },
      }),
      async (c) => {
        const input = { residentId: c.req.valid("param").id, ...c.req.valid("json") };
        return c.json(await updateResident(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/reveal",
        tags: ["residents"],
        summary: "Show the ID number and/or phone unmasked (resident.reveal; audited)",
        request: { params: IdParam, body: body(ResidentRevealInput) },
        responses: { 200: json(ResidentRevealResult, "The unmasked values"), 404: NOT_FOUND },
      }),
      async (c) => {
        const input = { residentId: c.req.valid("param").id, ...c.req.valid("json") };
        return c.json(await revealResident(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/move-out",
        tags: ["residents"],
        summary: "Mark a resident as moved out (resident.write; audited)",
        request: { params: IdParam, body: body(ResidentMoveOutInput) },
        responses: { 200: json(ResidentDetail, "Moved out"), 404: NOT_FOUND, 409: STALE },
      }),
      async (c) => {
        const input = { residentId: c.req.valid("param").id, ...c.req.valid("json") };
        return c.json(await moveOutResident(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/move-in",
        tags: ["residents"],
        summary: "Undo a move-out: the resident lives here again (resident.write; audited)",
        request: { params: IdParam },
        responses: { 200: json(ResidentDetail, "Active again"), 404: NOT_FOUND, 409: STALE },
      }),
      async (c) =>
        c.json(await moveInResident(deps.db, c.var.user, { residentId: c.req.valid("param").id }), 200),
    );
}
