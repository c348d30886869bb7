import { type AppDeps, createRouter } from "../../http";

/** Placeholder: replaced by the feature. */
export function boxRoutes(_deps: AppDeps) {
  return createRouter();
}
