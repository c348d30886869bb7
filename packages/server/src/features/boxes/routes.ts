import { createRoute } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, IdParam, jsonResponse as json } from "../../openapi-helpers";
import {
  BarcodeParam,
  BoxDetail,
  BoxList,
  BoxPointQuery,
  BoxResult,
  BoxSummary,
  CreateBoxInput,
  HandOverInput,
  PackInput,
  PackResult,
  ReceiveInput,
  ReceiveResult,
  TubeParams,
} from "./box-schema";
import { createBox } from "./create-box";
import { getBox, getBoxByBarcode } from "./get-box";
import { handOverBox } from "./hand-over-box";
import { listBoxes } from "./list-boxes";
import { packTube } from "./pack-tube";
import { receiveBox } from "./receive-box";
import { sealBox } from "./seal-box";
import { unpackTube } from "./unpack-tube";

const TAGS = ["boxes"];
const NOT_FOUND = {
  description: "No such box (or round, point, tube) in your area; details.code says which",
};
const REFUSED = { description: "The box or tube is not at that step; details.code says why" };
const INVALID = { description: "Bad input: details.issues says which field and why" };

/** Transport boxes: packing at the point, hand-over to a courier, receipt at the lab. */
export function boxRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: TAGS,
        summary: "A point's boxes in a round, and its sealed tubes waiting for a box",
        request: { query: BoxPointQuery },
        responses: { 200: json(BoxList, "The boxes, newest first"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await listBoxes(deps.db, c.var.user, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: TAGS,
        summary: "Start a box by scanning its label (a label names one box for ever)",
        request: { body: body(CreateBoxInput) },
        responses: {
          201: json(BoxSummary, "The new box"),
          404: NOT_FOUND,
          409: { description: "box_used: the label was used before; barcode_is_tube: that is a tube" },
          422: INVALID,
        },
      }),
      async (c) => c.json(await createBox(deps.db, c.var.user, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/barcode/{barcode}",
        tags: TAGS,
        summary: "The box in hand at the lab, by its label: manifest and chain of custody",
        request: { params: BarcodeParam },
        responses: { 200: json(BoxDetail, "The box"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getBoxByBarcode(deps.db, c.var.user, c.req.valid("param").barcode), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}",
        tags: TAGS,
        summary: "A box: its manifest (barcodes and counts) and its chain of custody",
        request: { params: IdParam },
        responses: { 200: json(BoxDetail, "The box"), 404: NOT_FOUND },
      }),
      async (c) => c.json(await getBox(deps.db, c.var.user, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/tubes",
        tags: TAGS,
        summary: "Pack a sealed tube of the box's point into the box",
        request: { params: IdParam, body: body(PackInput) },
        responses: {
          200: json(PackResult, "Packed (or already in this box)"),
          404: { description: "tube_unknown: no tube has this barcode" },
          409: {
            description: "tube_open, tube_boxed (details.box names the box), tube_other_point, box_sealed",
          },
          422: INVALID,
        },
      }),
      async (c) =>
        c.json(
          await packTube(deps.db, c.var.user, {
            boxId: c.req.valid("param").id,
            barcode: c.req.valid("json").barcode,
          }),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/{id}/tubes/{barcode}",
        tags: TAGS,
        summary: "Take a mis-packed tube out of a box still being packed",
        request: { params: TubeParams },
        responses: {
          200: json(BoxResult, "Unpacked"),
          404: { description: "tube_not_in_box" },
          409: REFUSED,
        },
      }),
      async (c) => {
        const { id, barcode } = c.req.valid("param");
        return c.json(await unpackTube(deps.db, c.var.user, { boxId: id, barcode }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/seal",
        tags: TAGS,
        summary: "Seal the box: its manifest is fixed",
        request: { params: IdParam },
        responses: { 200: json(BoxResult, "Sealed"), 404: NOT_FOUND, 409: REFUSED },
      }),
      async (c) => c.json(await sealBox(deps.db, c.var.user, { boxId: c.req.valid("param").id }), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/hand-over",
        tags: TAGS,
        summary: "Hand a sealed box to a courier (name, phone)",
        request: { params: IdParam, body: body(HandOverInput) },
        responses: { 200: json(BoxResult, "Handed over"), 404: NOT_FOUND, 409: REFUSED, 422: INVALID },
      }),
      async (c) =>
        c.json(
          await handOverBox(deps.db, c.var.user, { boxId: c.req.valid("param").id, ...c.req.valid("json") }),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/receive",
        tags: TAGS,
        summary: "The lab's receipt: the tubes scanned out of the box; missing and extra ones recorded",
        request: { params: IdParam, body: body(ReceiveInput) },
        responses: {
          200: json(ReceiveResult, "Received (or the receipt recorded before)"),
          404: NOT_FOUND,
          409: { description: "box_not_sealed" },
          422: INVALID,
        },
      }),
      async (c) =>
        c.json(
          await receiveBox(deps.db, c.var.user, { boxId: c.req.valid("param").id, ...c.req.valid("json") }),
          200,
        ),
    );
}
