import { type AppDeps, createRouter } from "../../http";

/** Placeholder: replaced by the feature. */
export function recallRoutes(_deps: AppDeps) {
  return createRouter();
}
