import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site writes. Browsers send Origin (and Sec-Fetch-Site) on every POST/PUT/
 * PATCH/DELETE; when they do, it must be this server. Clients that send neither (the CLI,
 * curl, tests) are not browsers and carry no ambient cookie risk.
 */
export function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    if (origin) {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        throw new AppError("forbidden", "Bad Origin header");
      }
      const expected = c.req.header("x-forwarded-host") ?? c.req.header("host");
      if (host !== expected) throw new AppError("forbidden", "Cross-site request refused");
    } else if (site && site !== "same-origin" && site !== "none") {
      throw new AppError("forbidden", "Cross-site request refused");
    }
    await next();
  };
}
