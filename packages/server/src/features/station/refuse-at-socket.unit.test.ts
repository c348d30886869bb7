import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusingWhenFull } from "./refuse-at-socket";

// A real Node server with the door at its socket; the app behind it answers 200 to anything.
let full = false;
let reachedApp = 0;
let server: ServerType;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  const app = new Hono();
  app.all("*", (c) => {
    reachedApp += 1;
    return c.json({ ok: true });
  });
  await new Promise<void>((resolve) => {
    server = serve(
      {
        fetch: app.fetch,
        port: 0,
        hostname: "127.0.0.1",
        createServer: refusingWhenFull({ full: () => full }),
      },
      () => resolve(),
    );
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function send(method: string, path: string, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string; socket: unknown }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method, path, agent }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, socket: req.socket }),
        );
      });
      req.on("error", reject);
      req.end(body);
    },
  );
}

const scans = JSON.stringify({ stationId: "s", scans: [{ id: "x", kind: "open_tube" }] });

describe("the scan queue's door at the socket", () => {
  it("refuses scans with 429, Retry-After and the app's error shape while the queue is full, without the app", async () => {
    full = true;
    const before = reachedApp;
    const first = await send("POST", "/api/station/scans", scans);
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("1");
    expect(JSON.parse(first.body)).toMatchObject({
      error: { code: "rate_limited", details: { retryAfterSeconds: 1 } },
    });
    // The unread body was drained: the same kept-alive connection carries the next request.
    const second = await send("POST", "/api/station/scans", scans);
    expect(second.status).toBe(429);
    expect(second.socket).toBe(first.socket);
    expect(reachedApp).toBe(before);
  });

  it("lets everything else through while full, and scans once there is room", async () => {
    full = true;
    expect((await send("GET", "/api/station/scans")).status).toBe(200);
    expect((await send("POST", "/api/auth/login", "{}")).status).toBe(200);
    full = false;
    const res = await send("POST", "/api/station/scans", scans);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });
});
