import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitBody } from "./body-limit";
import { AppError } from "./errors";

// Through a real Node server: the point is how @hono/node-server reads the body.
let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.use("*", limitBody(1000, "Too large"));
  app.post("/echo", async (c) => c.json(await c.req.json()));
  app.get("/ping", (c) => c.text("pong"));
  app.onError((err, c) =>
    err instanceof AppError ? c.json({ error: { code: err.code } }, err.status) : c.text("crash", 500),
  );
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a request; `chunks` are written one by one (chunked unless content-length is set). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  chunks: string[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on("error", (error) => ((error as { code?: string }).code === "EPIPE" ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("the body limit", () => {
  it("reads a body within the limit", async () => {
    const body = JSON.stringify({ scans: [1, 2, 3] });
    const res = await send(
      "POST",
      "/echo",
      { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      [body],
    );
    expect(res).toEqual({ status: 200, body });
  });

  it("refuses a declared length over the limit with 413", async () => {
    const res = await send(
      "POST",
      "/echo",
      { "content-type": "application/json", "content-length": "5000" },
      ["x".repeat(5000)],
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: { code: "payload_too_large" } });
  });

  it("counts a chunked body and refuses it once past the limit", async () => {
    const small = await send("POST", "/echo", { "content-type": "application/json" }, ['{"a":', "1}"]);
    expect(small).toEqual({ status: 200, body: '{"a":1}' });
    const big = await send("POST", "/echo", { "content-type": "application/json" }, [
      '{"a":"',
      "y".repeat(600),
      "y".repeat(600),
      '"}',
    ]);
    expect(big.status).toBe(413);
  });

  it("lets a GET through", async () => {
    expect(await send("GET", "/ping", {}, [])).toEqual({ status: 200, body: "pong" });
  });
});
