import { createRoute } from "@hono/zod-openapi";
import { HouseholdDetail } from "@shequ/core/resident-schema";
import { type AppDeps, createRouter } from "../../http";
import { IdParam } from "../../openapi-helpers";
import { getHousehold } from "./get-household";

export function householdRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["households"],
      summary: "A household with its address and residents (masked)",
      request: { params: IdParam },
      responses: {
        200: { description: "The household", content: { "application/json": { schema: HouseholdDetail } } },
        404: { description: "No such household in your area" },
      },
    }),
    async (c) => c.json(await getHousehold(deps.db, c.var.user, c.req.valid("param").id), 200),
  );
}
