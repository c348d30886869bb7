import type { DbHandle } from "../../db/client";
import { newId } from "../../db/ids";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { actorOf } from "./actor";
import { insertJob } from "./queries";
import { type ImportReport, previewImport } from "./run-import";

export type ImportPreview = ImportReport & { jobId: string; filename: string };

/**
 * Takes an uploaded spreadsheet, checks every row and keeps the file for the commit: answers
 * what would be imported, what would be created and every bad row with its reason. A file that
 * cannot be read is refused before any job exists.
 */
export async function createImport(
  handle: DbHandle,
  user: SessionUser,
  upload: { filename: string; bytes: Uint8Array; mapping?: Record<string, string> },
): Promise<ImportPreview> {
  requirePermission(user, "resident.import");
  const mapping = upload.mapping ?? {};
  const report = await previewImport(handle, { actor: actorOf(user), file: upload.bytes, mapping });
  const jobId = newId();
  const filename = cleanFilename(upload.filename);
  await insertJob(handle.db, { id: jobId, userId: user.id, filename, file: upload.bytes, mapping }, report);
  return { jobId, filename, ...report };
}

/** Keeps the name for lists and downloads: no folders, no control characters, not too long. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (clean || "upload").slice(0, 200);
}
