import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// The workforce: the people who run a round (community staff, sent-down cadres, medics,
// volunteers, social-organisation members), their loans to other communities, the shifts a round
// needs per point, zone and window, who is planned on them (with any rest-rule override and its
// reason), and arrivals and departures scanned from badges. Rest rules are kept per round.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workers")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    // The community the person belongs to (their own, or the one they signed up with): the scope.
    .addColumn("community_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) =>
      c.notNull().check(sql`source in ('staff', 'cadre', 'medic', 'volunteer', 'org_member')`),
    )
    // The sending organ of a cadre, the hospital of a medic, the organisation of a member.
    .addColumn("source_org", "text")
    .addColumn("source_city", "text")
    .addColumn("qualifications", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // When the person can work: [{ "start": ISO, "end": ISO }], as they said.
    .addColumn("availability", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("emergency_contact", "text")
    .addColumn("emergency_phone", "text")
    // A volunteer may give no name publicly (badge and public lists show a number instead).
    .addColumn("hide_name", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'approved', 'rejected', 'inactive')`),
    )
    // The armband number people read aloud, and the random code in the badge's QR.
    .addColumn("badge_no", "text", (c) => c.unique())
    .addColumn("badge_code", "text", (c) => c.unique())
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("approved_at", "timestamptz")
    .addColumn("approved_by", "uuid", (c) => c.references("users.id"))
    // A second sign-up with the same phone in the same community merges into the first.
    .addUniqueConstraint("workers_one_per_phone", ["community_id", "phone"])
    .execute();
  // Armband numbers: a sequence hands them out without a lock (gaps after a rollback are fine).
  await sql`create sequence worker_badge_seq`.execute(db);
  await db.schema
    .createIndex("workers_status_idx")
    .on("workers")
    .columns(["community_id", "status"])
    .execute();

  await db.schema
    .createTable("worker_loans")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("worker_id", "uuid", (c) => c.notNull().references("workers.id"))
    .addColumn("to_community_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("worker_loans_ordered", sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex("worker_loans_worker_idx").on("worker_loans").column("worker_id").execute();

  // Rest rules of a round (core/rest-rules.ts RestRules); null means the defaults.
  await db.schema.alterTable("campaigns").addColumn("rest_rules", "jsonb").execute();

  // What a point needs: so many people in a zone for a window, with a qualification if any.
  await db.schema
    .createTable("shift_demands")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("campaign_id", "uuid", (c) => c.notNull().references("campaigns.id"))
    .addColumn("site_id", "uuid", (c) => c.notNull().references("sites.id"))
    .addColumn("zone", "text", (c) => c.notNull())
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("needed", "integer", (c) => c.notNull().check(sql`needed >= 0`))
    .addColumn("qualification", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("shift_demands_ordered", sql`ends_at > starts_at`)
    .addUniqueConstraint("shift_demands_one_per_window", ["site_id", "zone", "starts_at"])
    .execute();
  await db.schema
    .createIndex("shift_demands_campaign_idx")
    .on("shift_demands")
    .columns(["campaign_id", "starts_at"])
    .execute();

  await db.schema
    .createTable("shift_assignments")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("demand_id", "uuid", (c) => c.notNull().references("shift_demands.id"))
    .addColumn("worker_id", "uuid", (c) => c.notNull().references("workers.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("planned").check(sql`status in ('planned', 'cancelled')`),
    )
    // Planned over a rest rule: which rules, and the reason the planner gave.
    .addColumn("override_rules", sql`text[]`)
    .addColumn("override_reason", "text")
    .addColumn("proposed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("cancelled_at", "timestamptz")
    .execute();
  await sql`create unique index shift_assignments_live_key on shift_assignments (demand_id, worker_id)
    where status = 'planned'`.execute(db);
  await db.schema
    .createIndex("shift_assignments_worker_idx")
    .on("shift_assignments")
    .columns(["worker_id", "status"])
    .execute();

  // Arrival and departure at a point, scanned from the badge; open until the departure scan.
  await db.schema
    .createTable("attendance")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("worker_id", "uuid", (c) => c.notNull().references("workers.id"))
    .addColumn("campaign_id", "uuid", (c) => c.references("campaigns.id"))
    .addColumn("site_id", "uuid", (c) => c.references("sites.id"))
    .addColumn("assignment_id", "uuid", (c) => c.references("shift_assignments.id"))
    .addColumn("check_in_at", "timestamptz", (c) => c.notNull())
    .addColumn("check_out_at", "timestamptz")
    .addColumn("check_in_by", "uuid", (c) => c.references("users.id"))
    .addColumn("check_out_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("attendance_ordered", sql`check_out_at is null or check_out_at >= check_in_at`)
    .execute();
  // At most one open arrival per person: a second arrival scan is a departure or a mistake.
  await sql`create unique index attendance_one_open on attendance (worker_id) where check_out_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex("attendance_campaign_idx")
    .on("attendance")
    .columns(["campaign_id", "check_in_at"])
    .execute();

  // Messages to workers go through the households' outbox (same adapter, same worker).
  await db.schema.alterTable("sms_outbox").addColumn("worker_id", "uuid").execute();
  await db.schema
    .alterTable("sms_outbox")
    .alterColumn("household_id", (c) => c.dropNotNull())
    .execute();
}
