import { type DependencyList, useEffect, useRef, useState } from "react";
import { ApiError } from "../../app/api-client";

export interface Polled<T> {
  data: T | undefined;
  /** When `data` was read (browser clock). */
  at: Date | undefined;
  /** The latest read's failure; the last good data stays on screen meanwhile. */
  error: ApiError | undefined;
  /** Reading the first answer for the current deps. */
  loading: boolean;
  /** The tab is hidden: not asking until it is shown again. */
  paused: boolean;
}

/**
 * Reads `load` now and every `intervalMs` while the tab is visible; a hidden tab stops asking and
 * reads again the moment it is shown. A failed read keeps the figures last shown (a wall screen
 * must not go blank because the Wi-Fi dropped), and new deps start from nothing.
 */
export function usePolling<T>(
  load: ((signal: AbortSignal) => Promise<T>) | undefined,
  intervalMs: number,
  deps: DependencyList,
): Polled<T> {
  const [state, setState] = useState<Polled<T>>({
    data: undefined,
    at: undefined,
    error: undefined,
    loading: true,
    paused: false,
  });

  const loadRef = useRef(load);
  loadRef.current = load;
  const enabled = load !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to start over
  useEffect(() => {
    setState({ data: undefined, at: undefined, error: undefined, loading: enabled, paused: false });
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let busy = false;
    const visible = () => document.visibilityState === "visible";

    const read = async () => {
      timer = undefined;
      if (stopped) return;
      if (!visible()) {
        setState((s) => ({ ...s, paused: true }));
        return;
      }
      busy = true;
      controller = new AbortController();
      const timeout = setTimeout(() => controller?.abort(), Math.max(5_000, intervalMs - 1_000));
      try {
        const data = await (loadRef.current as (signal: AbortSignal) => Promise<T>)(controller.signal);
        if (!stopped) setState({ data, at: new Date(), error: undefined, loading: false, paused: false });
      } catch (reason) {
        const error = reason instanceof ApiError ? reason : new ApiError(0, "network", String(reason));
        if (!stopped) setState((s) => ({ ...s, error, loading: false }));
      } finally {
        clearTimeout(timeout);
        busy = false;
      }
      if (!stopped) timer = setTimeout(read, intervalMs);
    };
    // Shown again: read at once instead of waiting for the timer (or for nothing, when paused).
    const onVisibility = () => {
      if (!visible() || busy) return;
      clearTimeout(timer);
      void read();
    };
    void read();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [...deps, enabled]);

  return state;
}
