import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { SessionUser } from "../../http";
import { requirePermission } from "../auth/permissions";
import { selectJobsOfUser } from "./queries";

export interface ImportJobSummary {
  id: string;
  filename: string;
  status: string;
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  insertedRows: number;
  updatedRows: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The user's own imports, newest first: what went in, what was left out, what failed. */
export async function listImports(db: Kysely<Database>, user: SessionUser): Promise<ImportJobSummary[]> {
  requirePermission(user, "resident.import");
  const rows = await selectJobsOfUser(db, user.id, 100);
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    status: r.status,
    totalRows: Number(r.total_rows),
    validRows: Number(r.valid_rows),
    rejectedRows: Number(r.rejected_rows),
    insertedRows: Number(r.inserted_rows),
    updatedRows: Number(r.updated_rows),
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  }));
}
