import { createRoute, z } from "@hono/zod-openapi";
import { ROLES } from "@shequ/core/roles";
import { type AppDeps, createRouter } from "../../http";
import { jsonResponse as json } from "../../openapi-helpers";
import { requirePermission } from "../auth/permissions";
import { USERNAME_PATTERN } from "./account-fields";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { updateUser } from "./update-user";

const Role = z.enum(ROLES);

const Scope = z.object({
  id: z.string(),
  level: z.string(),
  name: z.string(),
  path: z.string().openapi({ example: "酒泉路街道 / 杨家园社区" }),
});

const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    scope: Scope.nullable(),
    active: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("User");

const ListQuery = z.object({
  q: z.string().max(100).optional(),
  role: Role.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const CreateBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(USERNAME_PATTERN, "3–40 characters: lowercase letters, digits, dot, underscore or hyphen"),
  displayName: z.string().trim().min(1).max(100),
  role: Role,
  scopeRegionId: z.uuid().nullable().default(null),
  // Length rules live in passwordProblem, so the CLI and the API say the same thing.
  password: z.string().max(1000),
});

const UpdateBody = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: Role.optional(),
  scopeRegionId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});

const IdParams = z.object({ id: z.uuid() });

/** Account administration (permission user.manage); a scoped admin sees only accounts in scope. */
export function userRoutes(deps: AppDeps) {
  const router = createRouter();
  // Before validation, so a non-admin learns nothing about the shape of the input.
  router.use("*", async (c, next) => {
    requirePermission(c.var.user, "user.manage");
    await next();
  });
  return router
    .openapi(
      createRoute({
        method: "get",
        path: "/",
        tags: ["users"],
        summary: "List accounts, by username",
        request: { query: ListQuery },
        responses: { 200: json(z.object({ items: z.array(User), total: z.number() }), "Accounts") },
      }),
      async (c) => {
        const query = c.req.valid("query");
        return c.json(await listUsers(deps.db, { actor: c.var.user, ...query }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/",
        tags: ["users"],
        summary: "Create an account",
        request: { body: { content: { "application/json": { schema: CreateBody } }, required: true } },
        responses: { 201: json(User, "Created") },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const user = await createUser(deps.db, { actor: c.var.user, ...body });
        c.var.log.info({ targetUserId: user.id }, "account created");
        return c.json(user, 201);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/{id}",
        tags: ["users"],
        summary: "Change name, role, scope or active; role, scope and deactivation end sessions",
        request: {
          params: IdParams,
          body: { content: { "application/json": { schema: UpdateBody } }, required: true },
        },
        responses: { 200: json(User, "Updated") },
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const changes = c.req.valid("json");
        return c.json(await updateUser(deps.db, { actor: c.var.user, userId: id, changes }), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/{id}/password",
        tags: ["users"],
        summary: "Set a new password for an account and end its sessions",
        request: {
          params: IdParams,
          body: {
            content: { "application/json": { schema: z.object({ password: z.string().max(1000) }) } },
            required: true,
          },
        },
        responses: { 200: json(z.object({ ok: z.boolean() }), "Password set") },
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const { password } = c.req.valid("json");
        await resetPassword(deps.db, { actor: c.var.user, userId: id, password });
        return c.json({ ok: true }, 200);
      },
    );
}
