import { type AppDeps, createRouter } from "../../http";

/** Placeholder: replaced by the feature. */
export function labRoutes(_deps: AppDeps) {
  return createRouter();
}

/** Placeholder: the lab machines' bearer-token API under /api/public/lab. */
export function labApiRoutes(_deps: AppDeps) {
  return createRouter();
}
