import { Input, type InputRef } from "antd";
import { useEffect, useRef, useState } from "react";

/**
 * The one big input a badge scanner types into (characters, then Enter), like the station's: it
 * takes the focus back whenever it loses it to nothing in particular, so no scan lands nowhere.
 */
export function BadgeInput({
  placeholder,
  onEntry,
}: {
  placeholder: string;
  onEntry: (text: string) => void;
}) {
  const [value, setValue] = useState("");
  const ref = useRef<InputRef>(null);
  useEffect(() => {
    const reclaim = () => {
      const active = document.activeElement;
      const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
      if (!typing && !document.querySelector(".ant-modal-wrap")) ref.current?.focus();
    };
    ref.current?.focus();
    const onFocusIn = () => setTimeout(reclaim, 0);
    document.addEventListener("focusin", onFocusIn);
    const timer = setInterval(reclaim, 500);
    return () => {
      clearInterval(timer);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, []);
  return (
    <Input
      ref={ref}
      size="large"
      data-testid="attendance-input"
      value={value}
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      style={{ fontSize: 28, height: 64 }}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={() => {
        const text = value.trim();
        setValue("");
        if (text) onEntry(text);
      }}
    />
  );
}
