import { createRoute, z } from "@hono/zod-openapi";
import { normaliseLookupCode } from "@shequ/core/lookup-code";
import { clientIp } from "../../client-ip";
import { AppError } from "../../errors";
import { type AppDeps, createRouter } from "../../http";
import { jsonBody as body, jsonResponse as json } from "../../openapi-helpers";
import { loadTokenKey } from "../notices/token-key";
import { createLookupGate } from "./lookup-gate";
import { lookupResult } from "./lookup-result";

const LookupInput = z
  .object({
    idNumber: z.string().trim().min(1).max(40).openapi({ example: "620102199003071234" }),
    code: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .openapi({ description: "The six digits under the resident's QR code" }),
  })
  .openapi("ResultLookupInput");

const LookupAnswer = z
  .object({
    name: z.string(),
    rounds: z.array(
      z.object({
        campaignId: z.string(),
        name: z.string(),
        startsAt: z.string(),
        state: z.enum([
          "not_sampled",
          "awaiting",
          "negative",
          "recalled",
          "recall_awaiting",
          "recall_negative",
          "positive",
        ]),
        sampledAt: z.string().nullable(),
      }),
    ),
  })
  .openapi("ResultLookupAnswer");

/** A resident's own results, without an account: /api/public/result-lookup. */
export function resultLookupRoutes(deps: AppDeps) {
  const gate = createLookupGate();
  return createRouter().openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["public"],
      summary: "A resident looks up their own results with their ID number and the code on their slip",
      request: { body: body(LookupInput) },
      responses: {
        200: json(LookupAnswer, "The resident's masked name and their latest rounds"),
        404: { description: "The ID number and code do not match (the same answer for both)" },
        422: { description: "The code is not six digits" },
        429: { description: "Too many lookups, or too many wrong codes for this ID number: Retry-After" },
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const code = normaliseLookupCode(input.code);
      if (!code) {
        throw new AppError("validation", "The lookup code is six digits", {
          issues: [{ field: "code", reason: "format", message: "The lookup code is six digits" }],
        });
      }
      const idNumber = input.idNumber.toUpperCase();
      const answer = await gate.run(clientIp(c), idNumber, async () =>
        lookupResult(deps.db, await loadTokenKey(deps.db, deps.config), { idNumber, code }),
      );
      return c.json(answer, 200);
    },
  );
}
