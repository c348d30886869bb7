import type { Context } from "hono";
import type { AppEnv } from "./http";

/**
 * A download: the file's name as an ASCII fallback and then in UTF-8 (RFC 6266 + RFC 5987, so a
 * Chinese name survives every browser), never cached (it holds what the user's scope allows).
 */
export function sendFile(
  c: Context<AppEnv>,
  file: { filename: string; contentType: string; body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> },
) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
  return c.body(file.body, 200, {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    "cache-control": "no-store",
  });
}
