import { createRoute, z } from "@hono/zod-openapi";
import { permissionsOf } from "@shequ/core/roles";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { clientIp } from "../../client-ip";
import { type AppDeps, createRouter } from "../../http";
import { login } from "./login";
import { deleteSession, SESSION_COOKIE } from "./sessions";

const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  permissions: z.array(z.string()),
  scope: z.object({ regionId: z.string(), level: z.string(), path: z.string() }).nullable(),
});

export function authRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: "post",
        path: "/login",
        tags: ["auth"],
        summary: "Sign in; sets an HttpOnly session cookie",
        request: { body: { content: { "application/json": { schema: LoginBody } } } },
        responses: {
          200: {
            description: "Signed in",
            content: { "application/json": { schema: z.object({ ok: z.boolean() }) } },
          },
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const session = await login(deps.db, {
          ...body,
          ip: clientIp(c),
          ttlHours: deps.config.SESSION_TTL_HOURS,
        });
        setCookie(c, SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: "Lax",
          secure: deps.config.COOKIE_SECURE,
          path: "/",
          expires: session.expiresAt,
        });
        c.var.log.info({ userId: session.userId }, "signed in");
        return c.json({ ok: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/logout",
        tags: ["auth"],
        summary: "Sign out",
        responses: {
          200: {
            description: "Signed out",
            content: { "application/json": { schema: z.object({ ok: z.boolean() }) } },
          },
        },
      }),
      async (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token) await deleteSession(deps.db, token);
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
        return c.json({ ok: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me",
        tags: ["auth"],
        summary: "The signed-in user, role, permissions and scope",
        responses: { 200: { description: "Me", content: { "application/json": { schema: Me } } } },
      }),
      (c) => {
        const u = c.var.user;
        return c.json({ ...u, permissions: permissionsOf(u.role) }, 200);
      },
    );
}
