import { createRoute, z } from "@hono/zod-openapi";
import type { RegionLevel } from "@shequ/core/regions";
import {
  RegionCreateInput,
  RegionDetail,
  RegionLevelSchema,
  RegionRenameInput,
  RegionSummary,
  UnitHousehold,
} from "@shequ/core/resident-schema";
import type { Region } from "../../db/schema";
import { type AppDeps, createRouter } from "../../http";
import { IdParam, jsonResponse as json } from "../../openapi-helpers";
import { addRegion } from "./add-region";
import { getRegion } from "./get-region";
import { findRootRegions, listChildRegions, listUnitHouseholds } from "./list-regions";
import { renameRegion } from "./rename-region";

const RegionRow = z.object({
  id: z.string(),
  level: RegionLevelSchema,
  name: z.string(),
  parentId: z.string().nullable(),
});
const NOT_FOUND = { description: "No such region in your area" };

const toRow = (r: Region) => ({
  id: r.id,
  level: r.level as RegionLevel,
  name: r.name,
  parentId: r.parent_id,
});

export function regionRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/roots",
        tags: ["regions"],
        summary: "Where the user's tree starts: their scope region, or the provinces for an administrator",
        responses: { 200: json(z.object({ items: z.array(RegionSummary) }), "Top regions") },
      }),
      async (c) => c.json({ items: await findRootRegions(deps.db, c.var.user) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}",
        tags: ["regions"],
        summary: "A region with its breadcrumb and counts",
        request: { params: IdParam },
        responses: { 200: json(RegionDetail, "The region"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getRegion(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/children",
        tags: ["regions"],
        summary: "The regions right below, in natural name order, with active resident counts",
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(RegionSummary) }), "Children"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json({ items: await listChildRegions(deps.db, c.var.user, c.req.valid("param").id) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/households",
        tags: ["regions"],
        summary: "The households of a unit in door order",
        request: { params: IdParam },
        responses: { 200: json(z.object({ items: z.array(UnitHousehold) }), "Households"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json({ items: await listUnitHouseholds(deps.db, c.var.user, c.req.valid("param").id) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: ["regions"],
        summary: "Add a region below one in your area (region.write; audited)",
        request: { body: { content: { "application/json": { schema: RegionCreateInput } } } },
        responses: { 201: json(RegionRow, "Added"), 404: NOT_FOUND, 409: { description: "Name taken" } },
      }),
      async (c) => c.json(toRow(await addRegion(deps.db, c.var.user, c.req.valid("json"))), 201),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}",
        tags: ["regions"],
        summary: "Rename a region in your area (region.write; audited)",
        request: {
          params: IdParam,
          body: { content: { "application/json": { schema: RegionRenameInput } } },
        },
        responses: { 200: json(RegionRow, "Renamed"), 404: NOT_FOUND, 409: { description: "Name taken" } },
      }),
      async (c) => {
        const region = await renameRegion(deps.db, c.var.user, {
          regionId: c.req.valid("param").id,
          name: c.req.valid("json").name,
        });
        return c.json(toRow(region), 200);
      },
    );
}
