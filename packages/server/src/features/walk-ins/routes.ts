import { createRoute, z } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { IdParam, jsonResponse as json } from "../../openapi-helpers";
import { listWalkIns, resolveWalkIn, revealWalkIn } from "./walk-ins";
import { WalkInDetails, WalkInList, WalkInQuery } from "./walk-ins-schema";

const WalkInParam = IdParam.extend({ walkInId: z.string().uuid() });
const NOT_FOUND = { description: "No such round or walk-in in your area" };
const TAGS = ["walk-ins"];

/** A round's walk-ins for the registry owners, mounted beside the campaign routes. */
export function walkInRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/walk-ins",
        tags: TAGS,
        summary: "People registered at a point who are not in the registry (masked), for the registry owners",
        request: { params: IdParam, query: WalkInQuery },
        responses: { 200: json(WalkInList, "The walk-ins"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(
          await listWalkIns(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query").status),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/walk-ins/{walkInId}/reveal",
        tags: TAGS,
        summary: "One walk-in's details in full, to register them (resident.reveal; audited)",
        request: { params: WalkInParam },
        responses: { 200: json(WalkInDetails, "The details"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, walkInId } = c.req.valid("param");
        return c.json(await revealWalkIn(deps.db, c.var.user, id, walkInId), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/walk-ins/{walkInId}/resolve",
        tags: TAGS,
        summary: "Mark a walk-in dealt with (registered, or found elsewhere in the registry)",
        request: { params: WalkInParam },
        responses: {
          200: json(z.object({ walkInId: z.string(), status: z.literal("resolved") }), "Resolved"),
          404: NOT_FOUND,
        },
      }),
      async (c) => {
        const { id, walkInId } = c.req.valid("param");
        return c.json(await resolveWalkIn(deps.db, c.var.user, id, walkInId), 200);
      },
    );
}
