import { createRoute, z } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { addSite } from "./add-site";
import {
  CampaignCreateInput,
  CampaignList,
  CampaignStatusInput,
  CampaignView,
  HomeRunList,
  HouseholdSlot,
  ScheduleResult,
  ScheduleView,
  SiteCloseInput,
  SiteCreateInput,
  SiteUpdateInput,
  SiteView,
} from "./campaign-schema";
import { changeCampaignStatus } from "./change-status";
import { createCampaign } from "./create-campaign";
import { findHouseholdSlot } from "./find-household-slot";
import { getSchedule } from "./get-schedule";
import { listCampaigns } from "./list-campaigns";
import { listHomeRuns } from "./list-home-runs";
import { scheduleCampaign } from "./schedule-campaign";
import { closeSite, updateSite } from "./update-site";

const HouseholdParam = IdParam.extend({ householdId: z.string().min(1).max(64) });
const SiteParam = IdParam.extend({ siteId: z.string().min(1).max(64) });
const CONFLICT = { description: "The round is closed, or the change does not fit its status" };
const NOT_FOUND = { description: "No such round in your area" };
const INVALID = { description: "Bad input: details.issues says which field and why" };

export function campaignRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: ["campaigns"],
        summary: "Rounds in your area, newest first (past rounds stay readable)",
        responses: { 200: json(CampaignList, "The rounds") },
      }),
      async (c) => c.json({ items: await listCampaigns(deps.db, c.var.user) }, 200),
    )
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
          409: CONFLICT,
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
          "Give every household a slot in door order and plan home runs; in a running round move only the affected people not yet sampled",
        request: { params: IdParam },
        responses: {
          200: json(ScheduleResult, "Load per point and hour, finish vs deadline, who could not be placed"),
          404: NOT_FOUND,
          409: CONFLICT,
          422: INVALID,
        },
      }),
      async (c) =>
        c.json(await scheduleCampaign(deps.handle, c.var.user, { campaignId: c.req.valid("param").id }), 200),
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
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/status",
        tags: ["campaigns"],
        summary: "Start sampling (scheduled → running) or close the round (running → closed)",
        request: { params: IdParam, body: body(CampaignStatusInput) },
        responses: { 200: json(CampaignView, "The round"), 404: NOT_FOUND, 409: CONFLICT, 422: INVALID },
      }),
      async (c) =>
        c.json(
          await changeCampaignStatus(
            deps.db,
            c.var.user,
            c.req.valid("param").id,
            c.req.valid("json").status,
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}/sites/{siteId}",
        tags: ["campaigns"],
        summary: "Change a point's lanes, rate, windows or served regions (applied at the next scheduling)",
        request: { params: SiteParam, body: body(SiteUpdateInput) },
        responses: { 200: json(SiteView, "The point"), 404: NOT_FOUND, 409: CONFLICT, 422: INVALID },
      }),
      async (c) => {
        const { id, siteId } = c.req.valid("param");
        return c.json(await updateSite(deps.db, c.var.user, id, siteId, c.req.valid("json")), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/sites/{siteId}/close",
        tags: ["campaigns"],
        summary: "Close a point; optionally another open point takes over the regions it served",
        request: { params: SiteParam, body: body(SiteCloseInput) },
        responses: { 200: json(SiteView, "The closed point"), 404: NOT_FOUND, 409: CONFLICT, 422: INVALID },
      }),
      async (c) => {
        const { id, siteId } = c.req.valid("param");
        return c.json(await closeSite(deps.db, c.var.user, id, siteId, c.req.valid("json")), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/home-runs",
        tags: ["campaigns"],
        summary: "Home-sampling runs with their doors in walking order (stops in your area)",
        request: { params: IdParam },
        responses: { 200: json(HomeRunList, "The runs"), 404: NOT_FOUND },
      }),
      async (c) => c.json({ items: await listHomeRuns(deps.db, c.var.user, c.req.valid("param").id) }, 200),
    );
}
