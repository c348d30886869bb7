import { idReasonMessage } from "@shequ/core/id-document";
import { Input, type InputRef } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { hintFor } from "./scan-entry";

/**
 * The one input a keyboard-wedge scanner types into (characters, then Enter). It takes the focus
 * back whenever it loses it to nothing in particular, so a scan never lands nowhere; while a
 * dialog is open it leaves the focus alone.
 */
export function ScanInput({ paused, onEntry }: { paused: boolean; onEntry: (text: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [value, setValue] = useState("");
  const ref = useRef<InputRef>(null);

  useEffect(() => {
    if (paused) return;
    const reclaim = () => {
      const active = document.activeElement;
      const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
      // A dialog keeps its focus (and would take it straight back: no tug of war with it).
      const inDialog =
        !!active?.closest('[role="dialog"]') ||
        !!document.querySelector(".ant-modal-wrap:not([style*='display: none'])");
      if (!typing && !inDialog) ref.current?.focus();
    };
    ref.current?.focus();
    // A button pressed (seal, undo, single tube) takes the focus: give it back at once, so the
    // next scan right after the press is not lost.
    const onFocusIn = () => setTimeout(reclaim, 0);
    document.addEventListener("focusin", onFocusIn);
    const timer = setInterval(reclaim, 500);
    return () => {
      clearInterval(timer);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, [paused]);

  const hint = hintFor(value);
  const hintText =
    hint.kind === "token"
      ? t("station.hint.token")
      : hint.kind === "id_partial"
        ? t("station.hint.idPartial", { missing: hint.missing })
        : hint.kind === "id_ok"
          ? t("station.hint.idOk")
          : hint.kind === "id_bad"
            ? idReasonMessage(hint.reason, lang)
            : t("station.hint.idle");
  return (
    <div>
      <Input
        ref={ref}
        data-testid="station-input"
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder={t("station.inputPlaceholder")}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          // The element's own value: a fast scanner may press Enter before React re-renders.
          const text = e.currentTarget.value;
          setValue("");
          onEntry(text);
        }}
        style={{ fontSize: 32, height: 72, fontFamily: "monospace" }}
      />
      <div
        data-testid="station-hint"
        style={{
          fontSize: 18,
          marginTop: 6,
          minHeight: 26,
          color: hint.kind === "id_bad" ? "#cf1322" : hint.kind === "id_ok" ? "#1e7b34" : "#627d98",
        }}
      >
        {hintText}
      </div>
    </div>
  );
}
