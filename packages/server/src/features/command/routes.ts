import { createRoute, z } from "@hono/zod-openapi";
import { Dashboard, DashboardQuery } from "@shequ/core/dashboard-schema";
import { type AppDeps, createRouter } from "../../http";
import { IdParam, jsonResponse as json } from "../../openapi-helpers";
import { getDashboard } from "./get-dashboard";
import { reconcileRound } from "./reconcile-round";

const TAGS = ["command view"];
const NOT_FOUND = { description: "No such round or region in your area" };
const Reconciled = z.object({ corrected: z.number().int(), regions: z.number().int() });

/** The live dashboard of a round and the repair of its rollups, mounted beside the campaign routes. */
export function coverageRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/dashboard",
        tags: TAGS,
        summary:
          "Coverage of a region in a round: figures, one level down, burn-up, projected finish, points",
        request: { params: IdParam, query: DashboardQuery },
        responses: { 200: json(Dashboard, "The figures"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(await getDashboard(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/coverage/reconcile",
        tags: TAGS,
        summary: "Recount a round's rollups from its samples and exemptions (campaign.manage; audited)",
        request: { params: IdParam },
        responses: { 200: json(Reconciled, "How many rollup rows were wrong"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await reconcileRound(deps.db, c.var.user, c.req.valid("param").id), 200),
    );
}
