import type { ColumnType } from "kysely";

// Column shapes shared by the table types (schema.ts and its per-feature parts).
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
export type OptionalTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
