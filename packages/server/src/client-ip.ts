import { getConnInfo } from "@hono/node-server/conninfo";

/** The caller's address, for rate limits keyed by client ("unknown" under app.request() in tests). */
export function clientIp(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}
