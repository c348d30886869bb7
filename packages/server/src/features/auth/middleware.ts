import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../../errors";
import type { AppDeps, AppEnv, SessionUser } from "../../http";
import { findSessionUser, SESSION_COOKIE } from "./sessions";

/**
 * Paths under /api that work without a session. Everything under /api/public/ authenticates
 * itself (a lab's bearer token, a resident's ID number and code) or is open by design.
 */
const PUBLIC = new Set(["/api/auth/login", "/api/health", "/api/openapi.json", "/api/docs"]);

/**
 * The station's scan POST is the hot path: its session is looked up once a few seconds, not once
 * per POST. A signed-out or deactivated registrar's scans are refused at most this long after.
 */
const HOT_PATH = "/api/station/scans";
const HOT_SESSION_MS = 5000;

/** Loads the session user for every /api request, or answers 401. */
export function requireSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const hot = new Map<string, { user: SessionUser; until: number }>();
  const findHot = async (token: string): Promise<SessionUser | null> => {
    const now = Date.now();
    const cached = hot.get(token);
    if (cached && cached.until > now) return cached.user;
    const user = await findSessionUser(deps.db, token);
    if (hot.size > 5000) hot.clear();
    if (user) hot.set(token, { user, until: now + HOT_SESSION_MS });
    else hot.delete(token);
    return user;
  };
  return async (c, next) => {
    const path = c.req.path;
    if (PUBLIC.has(path) || path.startsWith("/api/docs/") || path.startsWith("/api/public/")) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const user = !token
      ? null
      : path === HOT_PATH && c.req.method === "POST"
        ? await findHot(token)
        : await findSessionUser(deps.db, token);
    if (!user) throw new AppError("unauthenticated", "Please sign in");
    c.set("user", user);
    c.set("log", c.var.log.child({ userId: user.id }));
    await next();
  };
}
