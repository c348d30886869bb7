import { z } from "@hono/zod-openapi";

/** A JSON response for createRoute's `responses`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body for createRoute's `request.body`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/**
 * An `{id}` path parameter. Any short string: scope checks answer 404 for ids that are not
 * uuids, just as for ids outside the user's area, so ids cannot be probed.
 */
export const IdParam = z.object({ id: z.string().min(1).max(64) });

/** A spreadsheet download (CSV with BOM or XLSX) for createRoute's `responses`. */
export const spreadsheetResponse = {
  description: "A spreadsheet file",
  content: {
    "text/csv": { schema: z.string() },
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string() },
  },
};
