import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import {
  type BoxDetail,
  type BoxList,
  type BoxPoint,
  fetchBox,
  fetchBoxes,
  handOverBox,
  packTube,
  refusalOf,
  sealBox,
  startBox,
  unpackTube,
} from "./boxes-api";
import { decidePackingScan } from "./packing-scan";
import { useFeedback } from "./scan-feedback";

/**
 * The packing screen's state: the point's boxes, the box in hand, the last verdict. Scans are
 * handled one at a time in the order they came, each after the previous one's answer is on the
 * screen, so a fast scanner never packs into a box the screen has not caught up with.
 */
export function usePacking(point: BoxPoint) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [feedback, say] = useFeedback();
  const [list, setList] = useState<BoxList>();
  const [detail, setDetail] = useState<BoxDetail>();
  const [loadError, setLoadError] = useState<unknown>();
  const [pending, setPending] = useState(0);
  const listRef = useRef<BoxList>(undefined);
  const detailRef = useRef<BoxDetail>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const { campaignId, siteId } = point;

  /** Reloads the list and the box in hand (`null`: put the box down; a string: take that box). */
  const refresh = useCallback(
    async (boxId?: string | null) => {
      const id = boxId === undefined ? detailRef.current?.box.id : boxId;
      const [boxes, box] = await Promise.all([
        fetchBoxes({ campaignId, siteId }),
        id ? fetchBox(id) : Promise.resolve(undefined),
      ]);
      listRef.current = boxes;
      detailRef.current = box;
      setList(boxes);
      setDetail(box);
      setLoadError(undefined);
    },
    [campaignId, siteId],
  );

  useEffect(() => {
    listRef.current = undefined;
    detailRef.current = undefined;
    refresh(null).catch(setLoadError);
  }, [refresh]);

  const problem = useCallback(
    (error: unknown, barcode: string) => {
      const refusal = refusalOf(error);
      const key = `boxes.msg.${refusal?.code ?? ""}`;
      const known = refusal !== undefined && i18n.exists(key);
      say(
        "problem",
        known ? t(key as "boxes.msg.tube_boxed", { barcode, box: refusal.box ?? "" }) : errorText(error),
      );
    },
    [say, t, i18n, errorText],
  );

  const statusText = useCallback(
    (status: string) => t(`boxes.statuses.${status}` as "boxes.statuses.packing"),
    [t],
  );

  const handle = useCallback(
    async (text: string) => {
      const box = detailRef.current?.box;
      const knownTubes = new Set([
        ...(listRef.current?.waitingTubes.map((w) => w.barcode) ?? []),
        ...(detailRef.current?.tubes.map((x) => x.barcode) ?? []),
      ]);
      const scan = decidePackingScan(text, {
        boxes: listRef.current?.items ?? [],
        current: box && { id: box.id, status: box.status },
        knownTubes,
      });
      if (scan.kind === "empty") return;
      if (scan.kind === "need_box") {
        say(
          "problem",
          box
            ? t("boxes.msg.needNewBox", { box: box.barcode, tube: scan.barcode })
            : t("boxes.msg.needBox", { tube: scan.barcode }),
        );
        return;
      }
      if (scan.kind === "open_box") {
        await refresh(scan.boxId);
        const opened = detailRef.current?.box;
        if (opened)
          say("info", t("boxes.msg.boxOpened", { box: opened.barcode, status: statusText(opened.status) }));
        return;
      }
      if (scan.kind === "new_box") {
        try {
          const started = await startBox({ campaignId, siteId }, scan.barcode);
          await refresh(started.id);
          say("ok", t("boxes.msg.boxStarted", { box: started.barcode }));
        } catch (error) {
          const used = refusalOf(error);
          if (used?.code === "box_used" && used.boxId) {
            // Another desk of this point started it a moment ago: take it up.
            await refresh(used.boxId);
            say("info", t("boxes.msg.boxOpened", { box: scan.barcode, status: statusText("packing") }));
          } else problem(error, scan.barcode);
        }
        return;
      }
      try {
        const packed = await packTube(scan.boxId, scan.barcode);
        await refresh();
        say(
          packed.already ? "info" : "ok",
          packed.already
            ? t("boxes.msg.already", { tube: scan.barcode })
            : t("boxes.msg.packed", {
                tube: scan.barcode,
                people: packed.tube.people,
                count: packed.box.tubes,
              }),
        );
      } catch (error) {
        problem(error, scan.barcode);
        await refresh().catch(() => undefined);
      }
    },
    [campaignId, siteId, refresh, say, t, problem, statusText],
  );

  /** Runs one step after whatever is queued, with the busy count shown meanwhile. */
  const enqueue = useCallback((step: () => Promise<void>) => {
    setPending((n) => n + 1);
    const next = queue.current.then(step).finally(() => setPending((n) => n - 1));
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const onEntry = useCallback(
    (text: string) => void enqueue(() => handle(text)).catch(() => undefined),
    [enqueue, handle],
  );

  const act = useCallback(
    (step: (boxId: string) => Promise<string>, barcode = "") =>
      enqueue(async () => {
        const box = detailRef.current?.box;
        if (!box) return;
        try {
          const message = await step(box.id);
          await refresh();
          say("ok", message);
        } catch (error) {
          problem(error, barcode);
          await refresh().catch(() => undefined);
        }
      }),
    [enqueue, refresh, say, problem],
  );

  return useMemo(
    () => ({
      list,
      detail,
      loadError,
      busy: pending > 0,
      feedback,
      onEntry,
      reload: () => void refresh().catch(setLoadError),
      open: (boxId: string) => void enqueue(() => refresh(boxId)).catch(setLoadError),
      putDown: () => {
        detailRef.current = undefined;
        setDetail(undefined);
      },
      remove: (barcode: string) =>
        void act(async (boxId) => {
          await unpackTube(boxId, barcode);
          return t("boxes.msg.removed", { tube: barcode });
        }, barcode),
      seal: () =>
        void act(async (boxId) => {
          const sealed = await sealBox(boxId);
          return t("boxes.msg.sealed", { box: sealed.box.barcode, count: sealed.box.tubes });
        }),
      /** Throws the server's refusal, for the hand-over form to show next to its fields. */
      handOver: async (courier: string, phone?: string) => {
        const box = detailRef.current?.box;
        if (!box) return;
        await handOverBox(box.id, courier, phone);
        await enqueue(() => refresh());
        say("ok", t("boxes.msg.handedOver", { box: box.barcode, courier }));
      },
    }),
    [list, detail, loadError, pending, feedback, onEntry, refresh, enqueue, act, say, t],
  );
}

export type Packing = ReturnType<typeof usePacking>;
