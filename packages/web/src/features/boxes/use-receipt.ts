import { compareManifest, normalizeBarcode } from "@shequ/core/box-manifest";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { formatDateTime } from "../campaigns/shanghai-time";
import { type BoxDetail, fetchBoxByBarcode, type ReceiveResult, receiveBox } from "./boxes-api";
import { useFeedback } from "./scan-feedback";

/** What the lab recorded for a box received before, read from its chain of custody. */
export function storedReceipt(detail: BoxDetail): ReceiveResult | undefined {
  if (detail.box.status !== "received") return undefined;
  const tubesOf = (kind: string) => detail.events.filter((e) => e.kind === kind).map((e) => e.tube ?? "");
  return {
    received: tubesOf("tube_received").length,
    missing: tubesOf("tube_missing"),
    extra: tubesOf("tube_extra"),
    already: true,
    box: detail.box,
  };
}

/**
 * The lab's receipt of one box at a time: scan its label, then every tube in it, then confirm.
 * The verdict per scan (on the manifest, already scanned, not on it) is the same comparison the
 * server records, from core.
 */
export function useReceipt() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [feedback, say] = useFeedback();
  const [detail, setDetail] = useState<BoxDetail>();
  const [scanned, setScanned] = useState<string[]>([]);
  const [result, setResult] = useState<ReceiveResult>();
  const [saving, setSaving] = useState(false);
  const state = useRef({ detail, scanned, result });
  state.current = { detail, scanned, result };

  const openBox = useCallback(
    async (barcode: string) => {
      try {
        const found = await fetchBoxByBarcode(barcode);
        setDetail(found);
        setScanned([]);
        setResult(storedReceipt(found));
        if (found.box.status === "packing") say("problem", t("boxes.receive.notSealed"));
        else if (found.box.status === "received")
          say("info", t("boxes.receive.alreadyReceived", { time: formatDateTime(found.box.receivedAt) }));
        else say("ok", t("boxes.receive.readyTubes"));
      } catch (error) {
        const unknown = error instanceof ApiError && error.code === "not_found";
        say("problem", unknown ? t("boxes.msg.box_unknown", { barcode }) : errorText(error));
      }
    },
    [say, t, errorText],
  );

  const onEntry = useCallback(
    (text: string) => {
      const barcode = normalizeBarcode(text);
      if (barcode === "") return;
      const { detail: box, scanned: done, result: received } = state.current;
      if (!box || received || box.box.status === "packing") {
        void openBox(barcode);
        return;
      }
      if (barcode === box.box.barcode) return say("info", t("boxes.receive.boxAgain"));
      if (done.includes(barcode)) return say("info", t("boxes.receive.again", { tube: barcode }));
      const next = [...done, barcode];
      state.current.scanned = next;
      setScanned(next);
      const manifest = box.tubes.map((x) => x.barcode);
      if (manifest.includes(barcode)) {
        const count = compareManifest(manifest, next).received.length;
        say("ok", t("boxes.receive.inList", { tube: barcode, scanned: count, total: manifest.length }));
      } else say("problem", t("boxes.receive.notInList", { tube: barcode }));
    },
    [openBox, say, t],
  );

  const check = useMemo(
    () => compareManifest(detail?.tubes.map((x) => x.barcode) ?? [], scanned),
    [detail, scanned],
  );

  const confirm = useCallback(async () => {
    const box = state.current.detail;
    if (!box) return;
    setSaving(true);
    try {
      const answer = await receiveBox(box.box.id, state.current.scanned);
      setResult(answer);
      const problems = answer.missing.length + answer.extra.length > 0;
      const values = {
        box: box.box.barcode,
        received: answer.received,
        missing: answer.missing.length,
        extra: answer.extra.length,
      };
      say(
        problems ? "problem" : "ok",
        t(problems ? "boxes.receive.doneProblems" : "boxes.receive.done", values),
      );
      setDetail(await fetchBoxByBarcode(box.box.barcode).catch(() => box));
    } catch (error) {
      say("problem", errorText(error));
    } finally {
      setSaving(false);
    }
  }, [say, t, errorText]);

  return {
    detail,
    scanned,
    check,
    result,
    saving,
    feedback,
    onEntry,
    confirm,
    undo: () => setScanned((s) => s.slice(0, -1)),
    reset: () => {
      setDetail(undefined);
      setScanned([]);
      setResult(undefined);
    },
  };
}

export type Receipt = ReturnType<typeof useReceipt>;
