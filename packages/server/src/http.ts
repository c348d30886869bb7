import { OpenAPIHono } from "@hono/zod-openapi";
import type { Role } from "@shequ/core/roles";
import type { Kysely } from "kysely";
import type { Config } from "./config";
import type { DbHandle } from "./db/client";
import type { Database } from "./db/schema";
import { AppError, type FieldIssue } from "./errors";
import type { Logger } from "./logger";

/** What every feature's routes get: explicit dependencies, no container. */
export interface AppDeps {
  db: Kysely<Database>;
  handle: DbHandle;
  config: Config;
  logger: Logger;
}

/** The region an account may see: everything under `path` (null scope = the whole system). */
export interface Scope {
  regionId: string;
  level: string;
  path: string;
}

/** The signed-in user, set by the session middleware on every /api request that needs one. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope | null;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    user: SessionUser;
  };
};

/** A router whose zod validation failures become our one error shape with field issues. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues: FieldIssue[] = result.error.issues.map((i) => ({
          field: i.path.join("."),
          reason: i.code,
          message: i.message,
        }));
        throw new AppError(
          "validation",
          issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join("; "),
          { issues },
        );
      }
    },
  });
}
