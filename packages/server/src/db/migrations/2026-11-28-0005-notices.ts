import type { Kysely } from "kysely";

// Frozen: never edit after it has shipped; add a new dated migration instead.
// Notices: (being written by the notices work)

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type
export async function up(_db: Kysely<any>): Promise<void> {}
