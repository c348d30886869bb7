import { useTranslation } from "react-i18next";
import type { RecallCounts } from "./recalls-api";

const ORDER = ["households", "people", "open", "resampled", "closed", "positive"] as const;

/** The figures a secretary reports upwards, large enough to read from across the desk. */
export function RecallCountsBar({ counts }: { counts: RecallCounts }) {
  const { t } = useTranslation();
  return (
    <div className="recall-counts" data-testid="recall-counts">
      {ORDER.map((key) => (
        <div
          key={key}
          className={`recall-count${key === "positive" && counts.positive > 0 ? " is-alarm" : ""}${
            key === "open" && counts.open > 0 ? " is-todo" : ""
          }`}
          data-testid={`recall-count-${key}`}
        >
          <div className="recall-count-value">{counts[key]}</div>
          <div className="recall-count-label">{t(`recalls.counts.${key}`)}</div>
        </div>
      ))}
    </div>
  );
}
