import { MISSING_VIEWS, type MissingCounts, type MissingView } from "@shequ/core/missing-schema";
import { useTranslation } from "react-i18next";

/**
 * The three lists of a grid as three big buttons with their counts on top: on a phone the count
 * is what the worker reads first, and each target is a thumb wide.
 */
export function ViewTabs(props: {
  value: MissingView;
  counts: MissingCounts;
  /** Whether there is an earlier round to compare with; without one the count shows "—". */
  hasPrevious: boolean;
  onChange: (view: MissingView) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="missing-tabs" role="tablist">
      {MISSING_VIEWS.map((view) => (
        <button
          key={view}
          type="button"
          role="tab"
          aria-selected={props.value === view}
          className={`missing-tab is-${view}${props.value === view ? " is-active" : ""}`}
          onClick={() => props.onChange(view)}
          data-testid={`missing-tab-${view}`}
        >
          <span className="missing-tab-count" data-testid={`missing-count-${view}`}>
            {view === "previous" && !props.hasPrevious ? "—" : props.counts[view]}
          </span>
          <span className="missing-tab-label">{t(`missing.views.${view}`)}</span>
        </button>
      ))}
    </div>
  );
}
