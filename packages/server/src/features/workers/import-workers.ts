import type { WorkerSource } from "@shequ/core/worker-schema";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids";
import { inTransaction } from "../../db/retry";
import type { Database, Region } from "../../db/schema";
import { AppError } from "../../errors";
import type { SessionUser } from "../../http";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/permissions";
import { assertRegionInScope } from "../regions/scope";
import { issueBadges, retryOnBadgeClash } from "./issue-badge";
import { readWorkerFile, type WorkerFileRow, type WorkerRowError } from "./read-worker-file";

export interface WorkerImportReport {
  format: "csv" | "xlsx";
  headers: string[];
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  /** New people (approved, with badges, on commit) and people already known by phone (updated). */
  inserts: number;
  updates: number;
  /** The first 500 problems, row by row. */
  errors: WorkerRowError[];
}

export interface WorkerImportOptions {
  communityId: string;
  bytes: Uint8Array;
  defaultSource: WorkerSource;
}

const INSERT_CHUNK = 500;
const MAX_ERRORS = 500;

/** What importing the file into the community would do, row by row; writes nothing. */
export async function previewWorkerImport(
  db: Kysely<Database>,
  user: SessionUser,
  opts: WorkerImportOptions,
): Promise<WorkerImportReport> {
  const { file, known } = await readAgainstCommunity(db, user, opts);
  return report(file, known);
}

/**
 * Imports a community's workforce list in one transaction: people whose phone the community
 * already has are updated from the file (their status and badge stay); the others are added
 * approved — staff vouch for their own list — and get armband numbers in file order. Rows with
 * problems are left out and reported; the audit holds counts only.
 */
export async function commitWorkerImport(
  db: Kysely<Database>,
  user: SessionUser,
  opts: WorkerImportOptions,
): Promise<WorkerImportReport> {
  const { file, community } = await readAgainstCommunity(db, user, opts);
  let counted = { inserts: 0, updates: 0 };
  await retryOnBadgeClash(() =>
    inTransaction(db, async (trx) => {
      const known = await knownPhones(trx, community.id, file.rows);
      const fresh = file.rows.filter((r) => !known.has(r.phone));
      const now = new Date();
      const ids: string[] = [];
      for (let at = 0; at < fresh.length; at += INSERT_CHUNK) {
        const values = fresh.slice(at, at + INSERT_CHUNK).map((r) => {
          const id = newId();
          ids.push(id);
          return {
            id,
            community_id: community.id,
            ...columnsOf(r),
            status: "approved",
            approved_at: now,
            approved_by: user.id,
          };
        });
        await trx.insertInto("workers").values(values).execute();
      }
      for (const r of file.rows) {
        const id = known.get(r.phone);
        if (id) await trx.updateTable("workers").set(columnsOf(r)).where("id", "=", id).execute();
      }
      await issueBadges(trx, ids);
      counted = { inserts: fresh.length, updates: file.rows.length - fresh.length };
      await recordAudit(trx, {
        userId: user.id,
        action: "worker.import",
        entityType: "region",
        entityId: community.id,
        details: { ...counted, rejected: file.totalRows - file.rows.length },
      });
    }),
  );
  return { ...report(file, new Map()), ...counted };
}

/** The file read and checked for a community in the user's scope, with the phones it already has. */
export async function readAgainstCommunity(
  db: Kysely<Database>,
  user: SessionUser,
  opts: WorkerImportOptions & { keepRejected?: boolean },
) {
  requirePermission(user, "workforce.manage");
  const community = await assertRegionInScope(db, user, opts.communityId);
  if (community.level !== "community") {
    throw new AppError("validation", "Choose a community", {
      issues: [{ field: "communityId", reason: "not_community", message: "Choose a community" }],
    });
  }
  const file = await readWorkerFile(opts.bytes, {
    defaultSource: opts.defaultSource,
    keepRejected: opts.keepRejected,
  });
  const known = await knownPhones(db, community.id, file.rows);
  return { file, known, community: community as Region };
}

async function knownPhones(db: Kysely<Database>, communityId: string, rows: readonly WorkerFileRow[]) {
  const known = new Map<string, string>();
  const phones = rows.map((r) => r.phone);
  for (let at = 0; at < phones.length; at += 5000) {
    const found = await db
      .selectFrom("workers")
      .select(["id", "phone"])
      .where("community_id", "=", communityId)
      .where("phone", "in", phones.slice(at, at + 5000))
      .execute();
    for (const f of found) known.set(f.phone, f.id);
  }
  return known;
}

function columnsOf(r: WorkerFileRow) {
  return {
    name: r.name,
    phone: r.phone,
    source: r.source,
    source_org: r.sourceOrg,
    source_city: r.sourceCity,
    qualifications: r.qualifications,
    availability: JSON.stringify(r.availability),
    emergency_contact: r.emergencyContact,
    emergency_phone: r.emergencyPhone,
    hide_name: r.hideName,
    note: r.note,
  };
}

function report(
  file: Awaited<ReturnType<typeof readWorkerFile>>,
  known: Map<string, string>,
): WorkerImportReport {
  const updates = file.rows.filter((r) => known.has(r.phone)).length;
  return {
    format: file.format,
    headers: file.headers,
    totalRows: file.totalRows,
    validRows: file.rows.length,
    rejectedRows: file.totalRows - file.rows.length,
    inserts: file.rows.length - updates,
    updates,
    errors: file.errors.slice(0, MAX_ERRORS),
  };
}
