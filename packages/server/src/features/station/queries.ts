import { decodeBase64Url, encodeBase64Url, type TokenPublicKey } from "@shequ/core/resident-token";
import { type Kysely, sql } from "kysely";
import type { Config } from "../../config";
import type { Database } from "../../db/schema";
import { type NamedStatement, unnestRows, withStatements } from "../../db/unnest";
import type { SessionUser } from "../../http";
import { loadTokenKey } from "../notices/token-key";
import { householdScopeFilter } from "../regions/scope";

export interface PointHouseholdRow {
  household_id: string;
  building_name: string;
  unit_name: string;
  door: string;
  starts_at: Date;
  ends_at: Date;
}

/** Households whose slot in the round is at this point and that lie in the user's area, in door order. */
export async function selectPointHouseholds(
  db: Kysely<Database>,
  user: SessionUser,
  campaignId: string,
  siteId: string,
): Promise<PointHouseholdRow[]> {
  const { rows } = await sql<PointHouseholdRow>`
    select h.id as household_id, b.name as building_name, u.name as unit_name, h.door,
      s.starts_at, s.ends_at
    from slot_assignments a
    join slots s on s.id = a.slot_id
    join households h on h.id = a.household_id
    join regions u on u.id = h.unit_id
    join regions b on b.id = h.building_id
    join regions g on g.id = h.grid_id
    join regions cm on cm.id = h.community_id
    where a.campaign_id = ${campaignId} and s.site_id = ${siteId} and ${householdScopeFilter(user, "h")}
    order by cm.sort_key, g.sort_key, b.sort_key, u.sort_key, h.sort_key`.execute(db);
  return rows;
}

export interface PointResidentRow {
  id: string;
  household_id: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  id_number: string;
}

/** Active residents of the given households, one array parameter per chunk. */
export async function selectPointResidents(
  db: Kysely<Database>,
  householdIds: string[],
): Promise<PointResidentRow[]> {
  const out: PointResidentRow[] = [];
  for (let i = 0; i < householdIds.length; i += 5000) {
    const { rows } = await sql<PointResidentRow>`
      select id, household_id, name, sex, birth_date, id_number from residents
      where household_id = any(${householdIds.slice(i, i + 5000)}::uuid[]) and status = 'active'
      order by household_id, created_at, id`.execute(db);
    out.push(...rows);
  }
  return out;
}

/** Which of the given residents already have a live sample in the round (at any point). */
export async function selectSampledResidents(
  db: Kysely<Database>,
  campaignId: string,
  residentIds: string[],
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < residentIds.length; i += 5000) {
    const { rows } = await sql<{ resident_id: string }>`
      select distinct resident_id from samples
      where campaign_id = ${campaignId} and undone_at is null
        and resident_id = any(${residentIds.slice(i, i + 5000)}::uuid[])`.execute(db);
    for (const r of rows) out.push(r.resident_id);
  }
  return out;
}

/**
 * Which of the given residents have an open recall in the round (their pooled tube came back
 * positive or invalid): they are sampled again, in a single tube, without an override.
 */
export async function selectRecalledResidents(
  db: Kysely<Database>,
  campaignId: string,
  residentIds: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < residentIds.length; i += 5000) {
    const { rows } = await sql<{ id: string; resident_id: string }>`
      select id, resident_id from recalls
      where campaign_id = ${campaignId} and status = 'open'
        and resident_id = any(${residentIds.slice(i, i + 5000)}::uuid[])`.execute(db);
    for (const r of rows) out.set(r.resident_id, r.id);
  }
  return out;
}

/** Marks recalls re-sampled by the new single-tube samples, as a statement for withStatements. */
export function resampledWrite(pairs: readonly { recallId: string; sampleId: string }[]): NamedStatement {
  const rows = unnestRows(pairs, [
    ["recallId", "uuid"],
    ["sampleId", "uuid"],
  ]);
  return [
    "resampled",
    sql`update recalls r set status = 'resampled', resample_id = v."sampleId"
      from (${rows}) v where r.id = v."recallId" and r.status = 'open'`,
  ];
}

/** Marks recalls re-sampled by the new single-tube samples (recall id → sample id). */
export async function markResampled(db: Kysely<Database>, pairs: { recallId: string; sampleId: string }[]) {
  if (pairs.length > 0) await withStatements([resampledWrite(pairs)]).execute(db);
}

/** An undone re-sample puts its recall back to open, to be sampled again. */
export async function reopenRecallOf(db: Kysely<Database>, sampleId: string): Promise<void> {
  await db
    .updateTable("recalls")
    .set({ status: "open", resample_id: null })
    .where("resample_id", "=", sampleId)
    .where("status", "=", "resampled")
    .execute();
}

/**
 * The public keys resident tokens may be signed with: the signing key in use (configured or
 * stored) and any other current stored key.
 */
export async function listTokenPublicKeys(
  db: Kysely<Database>,
  config: Pick<Config, "SHEQU_TOKEN_KEY">,
): Promise<TokenPublicKey[]> {
  const current = await loadTokenKey(db, config);
  const keys: TokenPublicKey[] = [{ keyId: current.keyId, publicKey: current.publicKey }];
  const stored = await db
    .selectFrom("token_keys")
    .select(["key_id", "public_key"])
    .where("retired_at", "is", null)
    .execute();
  for (const row of stored) {
    const publicKey = decodeBase64Url(row.public_key);
    if (publicKey && !keys.some((k) => k.keyId === row.key_id)) keys.push({ keyId: row.key_id, publicKey });
  }
  return keys;
}

export function publishKeys(keys: TokenPublicKey[]): { keyId: string; publicKey: string }[] {
  return keys.map((k) => ({ keyId: k.keyId, publicKey: encodeBase64Url(k.publicKey) }));
}
