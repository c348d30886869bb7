import { type AppDeps, createRouter } from "../../http";

export function regionRoutes(_deps: AppDeps) {
  return createRouter();
}
