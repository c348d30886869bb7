import { type Kysely, sql } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Text columns that are searched by prefix or ordered by a sort key use COLLATE "C" so a plain
// btree serves LIKE 'abc%' and byte-wise order on every server locale.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("regions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("parent_id", "uuid", (c) => c.references("regions.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("sort_key", sql`text collate "C"`, (c) => c.notNull())
    // '/rootId/…/thisId/': scope checks are a prefix match on this path.
    .addColumn("path", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("regions_parent_name_unique", ["parent_id", "name"])
    .execute();
  await db.schema
    .createIndex("regions_parent_sort_idx")
    .on("regions")
    .columns(["parent_id", "sort_key"])
    .execute();
  await db.schema.createIndex("regions_path_idx").on("regions").column("path").execute();
  await db.schema.createIndex("regions_level_idx").on("regions").columns(["level", "name"]).execute();

  await db.schema
    .createTable("households")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("unit_id", "uuid", (c) => c.notNull().references("regions.id"))
    .addColumn("building_id", "uuid", (c) => c.notNull())
    .addColumn("grid_id", "uuid", (c) => c.notNull())
    .addColumn("community_id", "uuid", (c) => c.notNull())
    .addColumn("door", "text", (c) => c.notNull())
    .addColumn("sort_key", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("households_unit_door_unique", ["unit_id", "door"])
    .execute();
  await db.schema
    .createIndex("households_unit_sort_idx")
    .on("households")
    .columns(["unit_id", "sort_key"])
    .execute();
  await db.schema.createIndex("households_grid_idx").on("households").column("grid_id").execute();

  await db.schema
    .createTable("residents")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("household_id", "uuid", (c) => c.notNull().references("households.id"))
    // Denormalised ancestors of the household, so scope filters need no join.
    .addColumn("unit_id", "uuid", (c) => c.notNull())
    .addColumn("building_id", "uuid", (c) => c.notNull())
    .addColumn("grid_id", "uuid", (c) => c.notNull())
    .addColumn("community_id", "uuid", (c) => c.notNull())
    // community/grid/building/unit/door sort keys joined: lists come back in walking order.
    .addColumn("address_key", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("name", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("id_type", "text", (c) => c.notNull())
    .addColumn("id_number", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("birth_date", "date")
    .addColumn("sex", "text")
    .addColumn("phone", sql`text collate "C"`)
    .addColumn("flags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("moved_out_at", "timestamptz")
    .addColumn("note", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("residents_id_number_unique", ["id_number", "id_type"])
    .execute();
  await db.schema
    .createIndex("residents_address_idx")
    .on("residents")
    .columns(["address_key", "id"])
    .execute();
  await db.schema
    .createIndex("residents_grid_idx")
    .on("residents")
    .columns(["grid_id", "address_key"])
    .execute();
  await db.schema.createIndex("residents_household_idx").on("residents").column("household_id").execute();
  await db.schema.createIndex("residents_name_idx").on("residents").column("name").execute();
  await db.schema.createIndex("residents_phone_idx").on("residents").column("phone").execute();
  await sql`create index residents_flags_idx on residents using gin (flags)`.execute(db);

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("scope_region_id", "uuid", (c) => c.references("regions.id"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_login_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("sessions")
    // sha256 of the cookie token: a leaked table cannot be replayed as cookies.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("ok", "boolean", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("login_attempts_user_at_idx")
    .on("login_attempts")
    .columns(["username", "at"])
    .execute();
  await db.schema
    .createIndex("login_attempts_ip_at_idx")
    .on("login_attempts")
    .columns(["ip", "at"])
    .execute();

  // Append-only: who did what to whom, when. Never personal data in details, only ids and field names.
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("user_id", "uuid")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "uuid")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity_id", "at"]).execute();
  await db.schema.createIndex("audit_log_user_idx").on("audit_log").columns(["user_id", "at"]).execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();

  await db.schema
    .createTable("import_jobs")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("user_id", "uuid")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("mapping", "jsonb")
    .addColumn("total_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("valid_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("file", "bytea")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
}
