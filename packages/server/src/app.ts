import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { limitBody } from "./body-limit";
import { AppError, ERROR_STATUS, type ErrorCode } from "./errors";
import { auditRoutes } from "./features/audit/routes";
import { requireSession } from "./features/auth/middleware";
import { authRoutes } from "./features/auth/routes";
import { boxRoutes } from "./features/boxes/routes";
import { campaignRoutes } from "./features/campaigns/routes";
import { coverageRoutes } from "./features/command/routes";
import { docsRoutes } from "./features/docs/routes";
import { healthRoutes } from "./features/health/routes";
import { householdRoutes } from "./features/households/routes";
import { importRoutes } from "./features/imports/routes";
import { labApiRoutes, labRoutes } from "./features/lab/routes";
import { missingRoutes } from "./features/missing/routes";
import { noticeRoutes, tokenKeyRoutes } from "./features/notices/routes";
import { recallRoutes } from "./features/recalls/routes";
import { regionRoutes } from "./features/regions/routes";
import { poolHistoryRoutes, reportRoutes } from "./features/reports/routes";
import { residentRoutes } from "./features/residents/routes";
import { resultLookupRoutes } from "./features/result-lookup/routes";
import { myShiftRoutes, shiftRoutes } from "./features/shifts/routes";
import { stationRoutes } from "./features/station/routes";
import { admitScans } from "./features/station/scan-queue";
import { userRoutes } from "./features/users/routes";
import { walkInRoutes } from "./features/walk-ins/routes";
import { volunteerSignupRoutes, workerRoutes } from "./features/workers/routes";
import { type AppDeps, type AppEnv, createRouter } from "./http";
import { sameOrigin } from "./same-origin";

/** Builds the HTTP app: middleware, feature routers under /api, one error handler. */
export function createApp(deps: AppDeps) {
  const app = createRouter();

  app.use("*", requestId());
  app.use("*", async (c, next) => {
    const log = deps.logger.child({ reqId: c.var.requestId });
    c.set("log", log);
    const started = performance.now();
    await next();
    // How long this server spent on the request (not the network, not a client's own queue).
    c.res.headers.set("Server-Timing", `app;dur=${(performance.now() - started).toFixed(1)}`);
    // Path only: query strings can carry search terms such as names or phone numbers.
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // wasm-unsafe-eval lets the station's barcode decoder (WebAssembly, served from here) compile; no eval.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use("/api/*", sameOrigin());
  // A full scan queue answers 429 before anything reads the request's body or the session
  // lookup costs a database round trip.
  app.use("/api/station/scans", admitScans(deps));
  app.use("/api/*", limitBody(64 * 1024 * 1024, "The upload is larger than 64 MB: split the file"));
  app.use("/api/*", requireSession(deps));

  app.route("/api/health", healthRoutes(deps));
  app.route("/api/auth", authRoutes(deps));
  app.route("/api/users", userRoutes(deps));
  app.route("/api/audit", auditRoutes(deps));
  app.route("/api/regions", regionRoutes(deps));
  app.route("/api/residents", residentRoutes(deps));
  app.route("/api/households", householdRoutes(deps));
  app.route("/api/imports", importRoutes(deps));
  app.route("/api/campaigns", campaignRoutes(deps));
  app.route("/api/campaigns", noticeRoutes(deps));
  app.route("/api/campaigns", walkInRoutes(deps));
  app.route("/api/campaigns", coverageRoutes(deps));
  app.route("/api/campaigns", reportRoutes(deps));
  app.route("/api/campaigns", missingRoutes(deps));
  app.route("/api/pool-history", poolHistoryRoutes(deps));
  app.route("/api/token-key", tokenKeyRoutes(deps));
  app.route("/api/station", stationRoutes(deps));
  app.route("/api/boxes", boxRoutes(deps));
  app.route("/api/lab", labRoutes(deps));
  app.route("/api/public/lab", labApiRoutes(deps));
  app.route("/api/recalls", recallRoutes(deps));
  app.route("/api/public/result-lookup", resultLookupRoutes(deps));
  app.route("/api/workers", workerRoutes(deps));
  app.route("/api/public/volunteers", volunteerSignupRoutes(deps));
  app.route("/api/shifts", shiftRoutes(deps));
  app.route("/api/public/my-shifts", myShiftRoutes(deps));
  app.route("/api", docsRoutes(app));

  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `No such endpoint: ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.code === "rate_limited") {
        const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) c.header("Retry-After", String(retry));
      }
      return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status);
    }
    if (err instanceof HTTPException) {
      const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === err.status)?.[0] ??
        "bad_request") as ErrorCode;
      return c.json({ error: { code, message: err.message || code } }, ERROR_STATUS[code]);
    }
    (c.var.log ?? deps.logger).error({ err }, "unhandled error");
    return c.json(
      { error: { code: "internal", message: "Something went wrong on the server; it has been logged" } },
      500,
    );
  });
  return app;
}

export type App = Hono<AppEnv>;
