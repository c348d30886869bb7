import { type AppDeps, createRouter } from "../../http";

/** Placeholder: shifts, check-in and hours (replaced by the feature). */
export function shiftRoutes(_deps: AppDeps) {
  return createRouter();
}

/** Placeholder: a worker's own shifts by badge code under /api/public/my-shifts. */
export function myShiftRoutes(_deps: AppDeps) {
  return createRouter();
}
