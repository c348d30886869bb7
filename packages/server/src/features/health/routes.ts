import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import { type AppDeps, createRouter } from "../../http";

const Health = z.object({ ok: z.boolean(), db: z.string(), latencyMs: z.number() });

export function healthRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["health"],
      summary: "Checks that the database answers",
      responses: {
        200: { description: "Healthy", content: { "application/json": { schema: Health } } },
        503: { description: "Database down", content: { "application/json": { schema: Health } } },
      },
    }),
    async (c) => {
      const started = performance.now();
      try {
        await sql`select 1`.execute(deps.db);
        return c.json({ ok: true, db: deps.handle.kind, latencyMs: performance.now() - started }, 200);
      } catch {
        return c.json({ ok: false, db: deps.handle.kind, latencyMs: performance.now() - started }, 503);
      }
    },
  );
}
