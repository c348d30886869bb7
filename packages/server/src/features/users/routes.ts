import { type AppDeps, createRouter } from "../../http";

export function userRoutes(_deps: AppDeps) {
  return createRouter();
}
