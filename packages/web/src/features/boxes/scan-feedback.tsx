import { useCallback, useState } from "react";
import { beep } from "../station/beep";
import "./boxes.css";

export type Tone = "ok" | "problem" | "info";

export interface Feedback {
  tone: Tone;
  text: string;
  /** Bumped on every message, so the same message twice still flashes twice. */
  n: number;
}

const STYLE = {
  ok: { background: "#e6f4ea", color: "#135200", border: "#52c41a" },
  problem: { background: "#fff1f0", color: "#a8071a", border: "#ff4d4f" },
  info: { background: "#e6f4ff", color: "#003a8c", border: "#69b1ff" },
} as const;

/** The last scan's verdict, with the station's tones: high beep for OK, low buzz for a problem. */
export function useFeedback(): [Feedback | undefined, (tone: Tone, text: string) => void] {
  const [feedback, setFeedback] = useState<Feedback>();
  const say = useCallback((tone: Tone, text: string) => {
    if (tone !== "info") beep(tone);
    setFeedback((f) => ({ tone, text, n: (f?.n ?? 0) + 1 }));
  }, []);
  return [feedback, say];
}

/** A big banner that flashes green or red, readable from a step back. */
export function ScanFeedback({
  feedback,
  idle,
  testId,
}: {
  feedback: Feedback | undefined;
  idle: string;
  testId: string;
}) {
  const tone = feedback ? STYLE[feedback.tone] : undefined;
  return (
    <div
      key={feedback?.n ?? 0}
      data-testid={testId}
      data-tone={feedback?.tone ?? ""}
      role="status"
      className={feedback && feedback.tone !== "info" ? `boxes-flash-${feedback.tone}` : undefined}
      style={{
        minHeight: 64,
        display: "flex",
        alignItems: "center",
        padding: "10px 18px",
        borderRadius: 12,
        fontSize: 22,
        fontWeight: 600,
        lineHeight: 1.35,
        background: tone?.background ?? "#fff",
        color: tone?.color ?? "#486581",
        border: `2px solid ${tone?.border ?? "#d9e2ec"}`,
        overflowWrap: "anywhere",
      }}
    >
      {feedback?.text ?? idle}
    </div>
  );
}
