import { createServer, type RequestListener, type ServerOptions } from "node:http";
import type { ScanQueue } from "./scan-queue";

/** What a station is told when its scans are refused for now (at the socket or in the app). */
export const BUSY = "The server is busy: your scans are kept and sent again";

/** What a refusal at the socket sends: the same error as the app's onError would. */
const REFUSAL = Buffer.from(
  JSON.stringify({
    error: {
      code: "rate_limited",
      message: BUSY,
      details: { retryAfterSeconds: 1 },
    },
  }),
);

/**
 * The scan queue's door at the socket, ahead of the web framework: while the queue is full, a
 * POST /api/station/scans is answered 429 straight from Node's request, in under a third of the
 * CPU the same refusal takes through Hono's middleware (request id, logger, security headers…),
 * so a crowd of stations is turned away faster than it arrives. Otherwise the request goes on to
 * the app, whose own door (`admitScans`) counts it in. Pass it to `serve` as `createServer`.
 */
export function refusingWhenFull(queue: Pick<ScanQueue, "full">): typeof createServer {
  return ((options: ServerOptions, listener: RequestListener) =>
    createServer(options, (req, res) => {
      const started = performance.now();
      if (req.method === "POST" && req.url === "/api/station/scans" && queue.full()) {
        req.resume(); // the body is not read: drained, so the connection stays usable
        res.writeHead(429, {
          "content-type": "application/json; charset=UTF-8",
          "content-length": REFUSAL.length,
          "retry-after": "1",
          "x-content-type-options": "nosniff",
          "cache-control": "no-store",
          "server-timing": `app;dur=${(performance.now() - started).toFixed(1)}`,
        });
        res.end(REFUSAL);
        return;
      }
      listener(req, res);
    })) as typeof createServer;
}
