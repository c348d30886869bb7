import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppEnv } from "../../http";

const require = createRequire(import.meta.url);
const SWAGGER_DIR = join(require.resolve("swagger-ui-dist/package.json"), "..");
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shequ API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#ui" });`;

/** The OpenAPI document and a docs page served from the installed swagger-ui-dist (works offline). */
export function docsRoutes(app: OpenAPIHono<AppEnv>) {
  const r = new Hono<AppEnv>();
  r.get("/openapi.json", (c) =>
    c.json(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "Shequ API",
          version: "0.1.0",
          description: "社区 — testing rounds and the resident registry",
        },
      }),
    ),
  );
  r.get("/docs", (c) => c.html(PAGE));
  r.get("/docs/init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript; charset=utf-8" }));
  r.get("/docs/:asset", (c) => {
    const asset = c.req.param("asset");
    const type = ASSETS[asset];
    if (!type) return c.notFound();
    return c.body(readFileSync(join(SWAGGER_DIR, asset)), 200, {
      "content-type": type,
      "cache-control": "max-age=3600",
    });
  });
  return r;
}
