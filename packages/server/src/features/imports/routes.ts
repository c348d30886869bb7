import { type AppDeps, createRouter } from "../../http";

export function importRoutes(_deps: AppDeps) {
  return createRouter();
}
