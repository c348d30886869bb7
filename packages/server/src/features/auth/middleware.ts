import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../../errors";
import type { AppDeps, AppEnv } from "../../http";
import { findSessionUser, SESSION_COOKIE } from "./sessions";

/**
 * Paths under /api that work without a session. Everything under /api/public/ authenticates
 * itself (a lab's bearer token, a resident's ID number and code) or is open by design.
 */
const PUBLIC = new Set(["/api/auth/login", "/api/health", "/api/openapi.json", "/api/docs"]);

/** Loads the session user for every /api request, or answers 401. */
export function requireSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (PUBLIC.has(path) || path.startsWith("/api/docs/") || path.startsWith("/api/public/")) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await findSessionUser(deps.db, token) : null;
    if (!user) throw new AppError("unauthenticated", "Please sign in");
    c.set("user", user);
    c.set("log", c.var.log.child({ userId: user.id }));
    await next();
  };
}
