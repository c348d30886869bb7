import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The dashboard's points without counting 5-minute buckets: samples per point and hour, kept with
// each scan like site_load; and each point's areas carry their round and path, so "the points
// serving this region" is one index range instead of a walk over every point of the round.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  // Every live sample per point and hour. Keyed by hour first: "every point in the last two hours"
  // and "these 30 points over 12 hours" are both one short range of the key.
  await db.schema
    .createTable("site_hours")
    .addColumn("campaign_id", "uuid", (c) => c.notNull())
    .addColumn("hour", "timestamptz", (c) => c.notNull())
    .addColumn("site_id", "uuid", (c) => c.notNull())
    .addColumn("samples", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("site_hours_pkey", ["campaign_id", "hour", "site_id"])
    .execute();
  await sql`
    insert into site_hours (campaign_id, hour, site_id, samples)
    select campaign_id, date_trunc('hour', bucket), site_id, sum(samples)
    from site_load group by 1, 2, 3 having sum(samples) <> 0`.execute(db);

  await db.schema.alterTable("site_regions").addColumn("campaign_id", "uuid").execute();
  await db.schema.alterTable("site_regions").addColumn("path", "text").execute();
  await sql`
    update site_regions sr set campaign_id = s.campaign_id, path = r.path
    from sites s, regions r where s.id = sr.site_id and r.id = sr.region_id`.execute(db);
  await sql`alter table site_regions alter column campaign_id set not null`.execute(db);
  await sql`alter table site_regions alter column path set not null`.execute(db);
  // text_pattern_ops: `path like '/a/b/%'` is an index range whatever the database's collation.
  await sql`create index site_regions_campaign_path_idx
    on site_regions (campaign_id, path text_pattern_ops)`.execute(db);
}
