import { createRoute, z } from "@hono/zod-openapi";
import { encodeBase64Url } from "@shequ/core/resident-token";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import { getBuildingSheet } from "./get-building-sheet";
import { getHouseholdNotice, listBuildingNotices } from "./household-notices";
import { listNoticeBuildings } from "./list-buildings";
import { listNoticeHouseholds } from "./list-notice-households";
import { findNoticeRun, listNoticeRuns } from "./notice-runs";
import {
  BuildingSheet,
  HouseholdNotice,
  HouseholdNoticeList,
  NoticeBuildingList,
  NoticeHouseholdItem,
  NoticeHouseholdPage,
  NoticeHouseholdQuery,
  NoticeRun,
  NoticeRunInput,
  NoticeRunList,
  NoticeStatusInput,
  NoticeSummary,
  NoticeSummaryQuery,
  TokenKeyView,
} from "./notice-schema";
import { setNoticeStatus } from "./set-notice-status";
import { startNoticeRun } from "./start-notice-run";
import { summariseNotices } from "./summarise-notices";
import { loadTokenKey } from "./token-key";

const BuildingParam = IdParam.extend({ buildingId: z.string().min(1).max(64) });
const HouseholdParam = IdParam.extend({ householdId: z.string().min(1).max(64) });
const RunParam = IdParam.extend({ runId: z.string().min(1).max(64) });
const NOT_FOUND = { description: "No such round, building or household in your area" };
const CONFLICT = { description: "The round is a draft (schedule it first) or closed" };
const TAGS = ["notices"];

/** Notices of a round, mounted beside the campaign routes under /api/campaigns. */
export function noticeRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/buildings",
        tags: TAGS,
        summary: "Buildings of the round in your area, in door order, with their points and hours",
        request: { params: IdParam },
        responses: { 200: json(NoticeBuildingList, "The buildings"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json({ items: await listNoticeBuildings(deps.db, c.var.user, c.req.valid("param").id) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/buildings/{buildingId}/sheet",
        tags: TAGS,
        summary: "The sheet for a building's door: doors, points and hours, no personal data",
        request: { params: BuildingParam },
        responses: { 200: json(BuildingSheet, "The sheet"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, buildingId } = c.req.valid("param");
        return c.json(await getBuildingSheet(deps.db, c.var.user, id, buildingId), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/buildings/{buildingId}/notices",
        tags: TAGS,
        summary: "Printable notice slips of a building with residents' QR tokens (campaign.notify; audited)",
        request: { params: BuildingParam },
        responses: { 200: json(HouseholdNoticeList, "One notice per household"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, buildingId } = c.req.valid("param");
        const key = await loadTokenKey(deps.db, deps.config);
        const items = await listBuildingNotices(deps.db, c.var.user, { campaignId: id, buildingId, key });
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/households/{householdId}/notice",
        tags: TAGS,
        summary: "One household's notice with its residents' QR tokens (campaign.notify; audited)",
        request: { params: HouseholdParam },
        responses: { 200: json(HouseholdNotice, "The notice"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, householdId } = c.req.valid("param");
        const key = await loadTokenKey(deps.db, deps.config);
        return c.json(
          await getHouseholdNotice(deps.db, c.var.user, { campaignId: id, householdId, key }),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/{id}/households/{householdId}/notice-status",
        tags: TAGS,
        summary: "Tick a household notified or unreachable after a call (campaign.notify; audited)",
        request: { params: HouseholdParam, body: body(NoticeStatusInput) },
        responses: { 200: json(NoticeHouseholdItem, "The household's row"), 404: NOT_FOUND, 409: CONFLICT },
      }),
      async (c) => {
        const { id, householdId } = c.req.valid("param");
        const input = { campaignId: id, householdId, ...c.req.valid("json") };
        return c.json(await setNoticeStatus(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/notices/summary",
        tags: TAGS,
        summary: "Households per notice state in your area",
        request: { params: IdParam, query: NoticeSummaryQuery },
        responses: { 200: json(NoticeSummary, "Counts"), 404: NOT_FOUND },
      }),
      async (c) => {
        const input = { campaignId: c.req.valid("param").id, ...c.req.valid("query") };
        return c.json(await summariseNotices(deps.db, c.var.user, input), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/notices/households",
        tags: TAGS,
        summary: "The calling list: households with notice state and masked phones (campaign.notify)",
        request: { params: IdParam, query: NoticeHouseholdQuery },
        responses: { 200: json(NoticeHouseholdPage, "A page of households"), 404: NOT_FOUND },
      }),
      async (c) =>
        c.json(
          await listNoticeHouseholds(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query")),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/notices/runs",
        tags: TAGS,
        summary: "Queue an SMS to every household not yet told its current slot (campaign.notify; audited)",
        request: {
          params: IdParam,
          body: { required: false, content: { "application/json": { schema: NoticeRunInput } } },
        },
        responses: { 201: json(NoticeRun, "The run"), 404: NOT_FOUND, 409: CONFLICT },
      }),
      async (c) => {
        const input = { campaignId: c.req.valid("param").id, ...(c.req.valid("json") ?? {}) };
        return c.json(await startNoticeRun(deps.db, c.var.user, input), 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/notices/runs",
        tags: TAGS,
        summary: "Notice runs of the round, newest first, with progress",
        request: { params: IdParam },
        responses: { 200: json(NoticeRunList, "The runs"), 404: NOT_FOUND },
      }),
      async (c) => c.json({ items: await listNoticeRuns(deps.db, c.var.user, c.req.valid("param").id) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/notices/runs/{runId}",
        tags: TAGS,
        summary: "One notice run's progress",
        request: { params: RunParam },
        responses: { 200: json(NoticeRun, "The run"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, runId } = c.req.valid("param");
        return c.json(await findNoticeRun(deps.db, c.var.user, { campaignId: id, runId }), 200);
      },
    );
}

/** GET /api/token-key: the public key stations keep to verify resident QR tokens offline. */
export function tokenKeyRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: TAGS,
      summary: "The public key that verifies resident QR tokens (Ed25519, base64url)",
      responses: { 200: json(TokenKeyView, "The current key") },
    }),
    async (c) => {
      const key = await loadTokenKey(deps.db, deps.config);
      return c.json({ keyId: key.keyId, publicKey: encodeBase64Url(key.publicKey) }, 200);
    },
  );
}
