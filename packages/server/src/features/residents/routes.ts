import { type AppDeps, createRouter } from "../../http";

export function residentRoutes(_deps: AppDeps) {
  return createRouter();
}
