import { v7 } from "uuid";

/** Ids are UUIDv7 made by the app: time-ordered (good for btrees) and safe on distributed Postgres. */
export function newId(): string {
  return v7();
}
