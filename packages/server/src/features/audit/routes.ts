import { createRoute, z } from "@hono/zod-openapi";
import { type AppDeps, createRouter } from "../../http";
import { requirePermission } from "../auth/permissions";
import { listAudit } from "./list-audit";

// A bare date is a whole day in China (UTC+8): "to=2026-11-28" includes that day.
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const instant = (bound: "from" | "to") =>
  z
    .string()
    .refine((v) => DATE_ONLY.test(v) || !Number.isNaN(Date.parse(v)), "Use YYYY-MM-DD or an ISO date-time")
    .transform((v) => {
      if (!DATE_ONLY.test(v)) return new Date(v);
      const start = new Date(`${v}T00:00:00+08:00`);
      return bound === "from" ? start : new Date(start.getTime() + 86_400_000);
    });

const AuditQuery = z.object({
  entityId: z.uuid().optional(),
  userId: z.uuid().optional(),
  action: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'Exact action, or a prefix ending in "*", e.g. "user.*"' }),
  from: instant("from").optional().openapi({ type: "string", example: "2026-11-28" }),
  to: instant("to").optional().openapi({ type: "string", example: "2026-11-28T18:00:00+08:00" }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("AuditEntry");

/** The audit log (permission audit.read), newest first. */
export function auditRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use("*", async (c, next) => {
    requirePermission(c.var.user, "audit.read");
    await next();
  });
  return router.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["audit"],
      summary: "Audit entries: who did what, when; filter by entity, user, action and time",
      request: { query: AuditQuery },
      responses: {
        200: {
          description: "Entries",
          content: {
            "application/json": { schema: z.object({ items: z.array(AuditEntry), total: z.number() }) },
          },
        },
      },
    }),
    async (c) => {
      const { page, pageSize, ...filter } = c.req.valid("query");
      return c.json(await listAudit(deps.db, { actor: c.var.user, filter, page, pageSize }), 200);
    },
  );
}
