import { useEffect, useReducer } from "react";
import { ApiError } from "../../app/api-client";
import { fetchDashboard } from "./command-api";
import { initialLive, liveKey, reduceLive, viewOf } from "./live-state";

/** How often the figures are read while the page is in view. */
export const POLL_MS = 3_000;
/** A poll that hangs longer than this counts as failed, so the notice shows. */
const TIMEOUT_MS = 8_000;

/**
 * The dashboard of a round and region, read again every few seconds while the page is visible.
 * Polling the rollups (not a push channel) keeps it right with several server instances on one
 * database; a hidden tab stops asking and catches up the moment it is shown again.
 */
export function useLiveDashboard(campaignId: string | undefined, regionId: string | undefined) {
  const key = liveKey(campaignId, regionId);
  const [state, dispatch] = useReducer(reduceLive, initialLive);

  useEffect(() => {
    if (!campaignId) return;
    let stopped = false;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;

    const poll = async () => {
      timer = undefined;
      if (stopped || busy || document.visibilityState !== "visible") return;
      busy = true;
      controller = new AbortController();
      const timeout = setTimeout(() => controller?.abort(), TIMEOUT_MS);
      try {
        const data = await fetchDashboard(campaignId, regionId, controller.signal);
        if (!stopped) dispatch({ type: "ok", key, data });
      } catch (reason) {
        const error = reason instanceof ApiError ? reason : new ApiError(0, "network", String(reason));
        if (!stopped) dispatch({ type: "fail", key, error });
      } finally {
        clearTimeout(timeout);
        busy = false;
      }
      if (!stopped && document.visibilityState === "visible") timer = setTimeout(poll, POLL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible" && timer === undefined) void poll();
    };

    void poll();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      controller?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [campaignId, regionId, key]);

  return viewOf(state, key);
}
