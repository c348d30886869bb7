import { useCallback, useEffect, useRef, useState } from "react";
import { fetchNoticeRun, fetchNoticeRuns, type NoticeRun } from "./notices-api";

/**
 * The latest notice run of a round, polled every second while it is running so the progress
 * bar moves (each poll is passed to `onProgress`); a run started in another tab (or before a
 * reload) is picked up too.
 */
export function useNoticeRun(
  campaignId: string,
  onProgress: (run: NoticeRun) => void,
): {
  run: NoticeRun | undefined;
  track: (run: NoticeRun) => void;
} {
  const [run, setRun] = useState<NoticeRun>();
  const onProgressRef = useRef(onProgress);
  onProgressRef.current = onProgress;

  useEffect(() => {
    let cancelled = false;
    fetchNoticeRuns(campaignId)
      .then((list) => {
        const latest = [...list.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        if (!cancelled && latest) setRun(latest);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [campaignId]);

  const runId = run?.id;
  const running = run?.status === "running";
  useEffect(() => {
    if (!runId || !running) return;
    const timer = setInterval(() => {
      fetchNoticeRun(campaignId, runId)
        .then((next) => {
          setRun(next);
          onProgressRef.current(next);
        })
        .catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [campaignId, runId, running]);

  const track = useCallback((next: NoticeRun) => {
    setRun(next);
    onProgressRef.current(next);
  }, []);
  return { run, track };
}
