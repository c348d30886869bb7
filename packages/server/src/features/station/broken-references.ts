import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";

/**
 * The references of a round's samples and tubes that the database no longer enforces (migration
 * 0013: their foreign keys cost a quarter of PostgreSQL's CPU per scan), each with how many rows
 * point at a row that does not exist. All zero in a healthy round; `shequ reconcile` and
 * bench:checkin check it.
 */
export interface BrokenReferences {
  "samples.campaign_id": number;
  "samples.site_id": number;
  "samples.registrar_id": number;
  "samples.household_id": number;
  "samples.resident_id": number;
  "samples.tube_id": number;
  "tubes.campaign_id": number;
  "tubes.site_id": number;
  "tubes.opened_by": number;
}

export async function countBrokenReferences(
  db: Kysely<Database>,
  campaignId: string,
): Promise<BrokenReferences> {
  const missing = (column: string, parent: string) =>
    sql`count(*) filter (where ${sql.ref(column)} is not null
          and not exists (select 1 from ${sql.table(parent)} p where p.id = ${sql.ref(column)}))`;
  const noRound = sql`count(*) filter (where not exists (select 1 from campaigns c where c.id = ${campaignId}))`;
  // One pass over the round's samples and one over its tubes, each reference an index probe.
  const { rows } = await sql<Record<string, number | string>>`
    select s.*, t.* from
      (select ${noRound} as s_campaign, ${missing("s.site_id", "sites")} as s_site,
              ${missing("s.registrar_id", "users")} as s_registrar,
              ${missing("s.household_id", "households")} as s_household,
              ${missing("s.resident_id", "residents")} as s_resident, ${missing("s.tube_id", "tubes")} as s_tube
         from samples s where s.campaign_id = ${campaignId}) s,
      (select ${noRound} as t_campaign, ${missing("t.site_id", "sites")} as t_site,
              ${missing("t.opened_by", "users")} as t_opened_by
         from tubes t where t.campaign_id = ${campaignId}) t`.execute(db);
  const r = rows[0] ?? {};
  const n = (key: string) => Number(r[key] ?? 0);
  return {
    "samples.campaign_id": n("s_campaign"),
    "samples.site_id": n("s_site"),
    "samples.registrar_id": n("s_registrar"),
    "samples.household_id": n("s_household"),
    "samples.resident_id": n("s_resident"),
    "samples.tube_id": n("s_tube"),
    "tubes.campaign_id": n("t_campaign"),
    "tubes.site_id": n("t_site"),
    "tubes.opened_by": n("t_opened_by"),
  };
}
