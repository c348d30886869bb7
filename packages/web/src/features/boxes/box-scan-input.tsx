import { Input, type InputRef } from "antd";
import { useEffect, useRef, useState } from "react";

/**
 * The big input a keyboard-wedge scanner types into (characters, then Enter). It takes the focus
 * back whenever the focus drifts to nothing in particular, so a scan never lands nowhere; while a
 * dialog is open (`paused`) it leaves the focus alone.
 */
export function BoxScanInput({
  paused,
  placeholder,
  testId,
  onEntry,
}: {
  paused: boolean;
  placeholder: string;
  testId: string;
  onEntry: (text: string) => void;
}) {
  const [value, setValue] = useState("");
  const ref = useRef<InputRef>(null);

  useEffect(() => {
    if (paused) return;
    ref.current?.focus();
    const timer = setInterval(() => {
      const active = document.activeElement;
      // Another field, a dropdown or a confirmation keeps the focus; a button just pressed does not.
      const elsewhere =
        active instanceof HTMLInputElement ||
        active instanceof HTMLTextAreaElement ||
        (active instanceof Element && active.closest(".ant-select, .ant-modal, .ant-popover") !== null);
      if (!elsewhere) ref.current?.focus();
    }, 500);
    return () => clearInterval(timer);
  }, [paused]);

  return (
    <Input
      ref={ref}
      data-testid={testId}
      value={value}
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        // The element's own value: a fast scanner may press Enter before React re-renders.
        const text = e.currentTarget.value;
        setValue("");
        if (text.trim() !== "") onEntry(text);
      }}
      style={{ fontSize: 28, height: 64, fontFamily: "monospace" }}
    />
  );
}
