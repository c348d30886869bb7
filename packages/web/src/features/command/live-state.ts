import type { Dashboard } from "@shequ/core/dashboard-schema";
import type { ApiError, ApiErrorCode } from "../../app/api-client";

/**
 * What the live dashboard holds between polls. The figures last shown stay on screen when a poll
 * fails (a wall screen must not go blank because the Wi-Fi dropped for ten seconds); they are only
 * dropped when another round or region is asked for and that answer fails.
 */
export interface LiveState {
  /** The round and region the figures belong to (see liveKey). */
  key: string;
  data: Dashboard | undefined;
  /** The latest poll's failure, cleared by the next good answer. */
  error: ApiError | undefined;
}

export type LiveEvent =
  | { type: "ok"; key: string; data: Dashboard }
  | { type: "fail"; key: string; error: ApiError };

export const initialLive: LiveState = { key: "", data: undefined, error: undefined };

/** The identity of a view: one round, one region (empty: the user's own area). */
export function liveKey(campaignId: string | undefined, regionId: string | undefined): string {
  return `${campaignId ?? ""}|${regionId ?? ""}`;
}

export function reduceLive(state: LiveState, event: LiveEvent): LiveState {
  if (event.type === "ok") return { key: event.key, data: event.data, error: undefined };
  if (event.key === state.key) return { ...state, error: event.error };
  return { key: event.key, data: undefined, error: event.error };
}

/** Failures that are about the connection, not about what was asked: shown as a quiet notice. */
const TRANSIENT: readonly ApiErrorCode[] = ["network", "unavailable", "rate_limited", "internal"];

/** How the screen shows a state for the view it wants now. */
export function viewOf(state: LiveState, key: string) {
  const current = state.key === key;
  return {
    /** Figures to draw: the wanted view's, or the previous view's while the new one loads. */
    data: state.data,
    /** The figures shown are another view's: dim them until the new ones come. */
    switching: !current || state.data === undefined,
    /** Figures are shown but the latest poll failed. */
    stale: current && state.data !== undefined && state.error !== undefined,
    /** The latest poll's failure, if it failed. */
    error: state.error,
    /** Transient (a dropped connection, a busy server) or something to act on (a region gone). */
    transient: state.error !== undefined && TRANSIENT.includes(state.error.code),
    /** A failure with nothing to show for the wanted view. */
    fatal: current && state.data === undefined ? state.error : undefined,
  };
}
