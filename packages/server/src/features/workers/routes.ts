import { type AppDeps, createRouter } from "../../http";

/** Placeholder: the workforce register (replaced by the feature). */
export function workerRoutes(_deps: AppDeps) {
  return createRouter();
}

/** Placeholder: the public volunteer sign-up under /api/public/volunteers. */
export function volunteerSignupRoutes(_deps: AppDeps) {
  return createRouter();
}
