import { type AppDeps, createRouter } from "../../http";

export function auditRoutes(_deps: AppDeps) {
  return createRouter();
}
