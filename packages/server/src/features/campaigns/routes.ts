import { createRoute, z } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { addSite } from "./add-site";
import {
  CampaignCreateInput,
  CampaignView,
  HouseholdSlot,
  ScheduleResult,
  ScheduleView,
  SiteCreateInput,
  SiteView,
} from "./campaign-schema";
import { createCampaign } from "./create-campaign";
import { findHouseholdSlot } from "./find-household-slot";
import { getSchedule } from "./get-schedule";
import { scheduleCampaign } from "./schedule-campaign";

const HouseholdParam = IdParam.extend({ householdId: z.string().min(1).max(64) });
const NOT_FOUND = { description: "No such round in your area" };
const INVALID = { description: "Bad input: details.issues says which field and why" };

export function campaignRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: ["campaigns"],
        summary: "Open a testing round (draft) over regions in your area",
        request: { body: body(CampaignCreateInput) },
        responses: { 201: json(CampaignView, "The new round"), 422: INVALID },
      }),
      async (c) => c.json(await createCampaign(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}",
        tags: ["campaigns"],
        summary: "A round with its points and the stored load per point and slot hour",
        request: { params: IdParam },
        responses: { 200: json(ScheduleView, "The round"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getSchedule(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/sites",
        tags: ["campaigns"],
        summary: "Add a collection point with opening windows and the regions it serves",
        request: { params: IdParam, body: body(SiteCreateInput) },
        responses: {
          201: json(SiteView, "The new point"),
          404: NOT_FOUND,
          409: { description: "Round started" },
          422: INVALID,
        },
      }),
      async (c) =>
        c.json(await addSite(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/schedule",
        tags: ["campaigns"],
        summary:
          "Give every household a slot in door order and plan home-sampling runs (replaces the last plan)",
        request: { params: IdParam },
        responses: {
          200: json(ScheduleResult, "Load per point and hour, finish vs deadline, who could not be placed"),
          404: NOT_FOUND,
          409: { description: "The round is running or closed" },
          422: INVALID,
        },
      }),
      async (c) =>
        c.json(await scheduleCampaign(deps.db, c.var.user, { campaignId: c.req.valid("param").id }), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/households/{householdId}/slot",
        tags: ["campaigns"],
        summary: "Where and when a household goes, and its home-sampling run if any",
        request: { params: HouseholdParam },
        responses: { 200: json(HouseholdSlot, "The household's slot"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, householdId } = c.req.valid("param");
        return c.json(await findHouseholdSlot(deps.db, c.var.user, id, householdId), 200);
      },
    );
}
