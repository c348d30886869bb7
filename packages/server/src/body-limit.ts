import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "./errors";

/**
 * Refuses a request body over `maxSize` bytes with 413. Hono's bodyLimit starts by reading
 * `c.req.raw.body`, which makes @hono/node-server build a whole web Request with a stream for
 * every request, a GET's too, and then read the body through it. A declared Content-Length is
 * checked here from the header alone (Node's parser never reads past it), so the body is read
 * later the direct way; only a chunked body goes through Hono's counting stream.
 */
export function limitBody(maxSize: number, message: string): MiddlewareHandler {
  const tooLarge = () => {
    throw new AppError("payload_too_large", message);
  };
  const counting = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number(length) > maxSize ? tooLarge() : next();
    }
    return counting(c, next);
  };
}
