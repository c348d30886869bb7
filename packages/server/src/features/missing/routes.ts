import { createRoute, z } from "@hono/zod-openapi";
import {
  ContactInput,
  ExemptionInput,
  MissingExportQuery,
  MissingList,
  MissingQuery,
  MissingReveal,
  MissingUpdate,
} from "@shequ/core/missing-schema";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json, spreadsheetResponse } from "../../openapi-helpers";
import { sendFile } from "../../send-file";
import { toWebStream } from "../imports/sheet-writer";
import { exportMissing } from "./export-missing";
import { listMissing } from "./list-missing";
import { recordContact } from "./record-contact";
import { revealPerson } from "./reveal-person";
import { removeExemption, setExemption } from "./set-exemption";

const TAGS = ["missing lists"];
const NOT_FOUND = { description: "No such round, grid or resident in your area" };
const INVALID = { description: "Bad input: details.issues says which field and why" };
const CONFLICT = { description: "details.code already_sampled, moved_out or round_draft" };
const ResidentParams = IdParam.extend({ residentId: z.string().min(1).max(64) });

/** The grid worker's missing lists (漏检) of a round, mounted beside the campaign routes. */
export function missingRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/missing",
        tags: TAGS,
        summary: "One grid's missing, exempted or last-round-only people, in walking order (masked)",
        request: { params: IdParam, query: MissingQuery },
        responses: { 200: json(MissingList, "The list"), 404: NOT_FOUND, 422: INVALID },
      }),
      async (c) =>
        c.json(await listMissing(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/missing/export",
        tags: TAGS,
        summary: "A grid's list as XLSX/CSV; masked unless unmasked=1 and allowed (audited)",
        request: { params: IdParam, query: MissingExportQuery },
        responses: {
          200: spreadsheetResponse,
          403: { description: "Not allowed (unmasked)" },
          404: NOT_FOUND,
        },
      }),
      async (c) => {
        const file = await exportMissing(deps.db, c.var.user, c.req.valid("param").id, c.req.valid("query"));
        file.done.catch((err) => c.var.log.error({ err }, "missing export failed mid-way"));
        return sendFile(c, { ...file, body: toWebStream(file.writer) });
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/missing/{residentId}/contacts",
        tags: TAGS,
        summary: "Record a call; away, hospitalised and sampled elsewhere also exempt (audited)",
        request: { params: ResidentParams, body: body(ContactInput) },
        responses: {
          201: json(MissingUpdate, "The person and the grid's counts"),
          404: NOT_FOUND,
          409: CONFLICT,
          422: INVALID,
        },
      }),
      async (c) => {
        const { id, residentId } = c.req.valid("param");
        const input = c.req.valid("json");
        return c.json(await recordContact(deps.db, c.var.user, { campaignId: id, residentId, input }), 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/missing/{residentId}/reveal",
        tags: TAGS,
        summary: "The phone and ID number unmasked, to call (resident.reveal; audited)",
        request: { params: ResidentParams },
        responses: { 200: json(MissingReveal, "The unmasked values"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, residentId } = c.req.valid("param");
        return c.json(await revealPerson(deps.db, c.var.user, { campaignId: id, residentId }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/{id}/exemptions/{residentId}",
        tags: TAGS,
        summary: "Exempt a resident from the round with a reason, or change it (audited)",
        request: { params: ResidentParams, body: body(ExemptionInput) },
        responses: {
          200: json(MissingUpdate, "The person and the grid's counts"),
          404: NOT_FOUND,
          409: CONFLICT,
          422: INVALID,
        },
      }),
      async (c) => {
        const { id, residentId } = c.req.valid("param");
        const input = c.req.valid("json");
        return c.json(await setExemption(deps.db, c.var.user, { campaignId: id, residentId, input }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/{id}/exemptions/{residentId}",
        tags: TAGS,
        summary: "Undo a wrong exemption: the person is missing again (audited)",
        request: { params: ResidentParams },
        responses: { 200: json(MissingUpdate, "The person and the grid's counts"), 404: NOT_FOUND },
      }),
      async (c) => {
        const { id, residentId } = c.req.valid("param");
        return c.json(await removeExemption(deps.db, c.var.user, { campaignId: id, residentId }), 200);
      },
    );
}
