import type { MissingGrid } from "@shequ/core/missing-schema";
import { Alert, Card, Select } from "antd";
import { useTranslation } from "react-i18next";

/** The grid select at the top of the page, labelled with each grid's missing count. */
export function GridSelect(props: {
  grids: MissingGrid[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      value={props.value}
      placeholder={t("missing.pickGrid")}
      style={{ flex: "1 1 220px", maxWidth: 360 }}
      onChange={props.onChange}
      options={props.grids.map((g) => ({
        value: g.id,
        label: t("missing.gridOption", { community: g.communityName, grid: g.name, missing: g.missing }),
      }))}
      data-testid="missing-grid"
    />
  );
}

/**
 * For a secretary or an officer, who look after many grids: every grid as a row to tap, with
 * how many people are still missing there, so the worst grid is easy to find.
 */
export function GridList(props: { grids: MissingGrid[]; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  if (props.grids.length === 0) return <Alert type="info" showIcon title={t("missing.noGrids")} />;
  return (
    <Card size="small" title={t("missing.pickGridTitle")} styles={{ body: { padding: 0 } }}>
      <div className="missing-muted" style={{ padding: "8px 12px 0" }}>
        {t("missing.pickGridHint")}
      </div>
      {props.grids.map((g) => (
        <button
          key={g.id}
          type="button"
          className="missing-grid-row"
          onClick={() => props.onPick(g.id)}
          data-testid="missing-grid-row"
        >
          <span className="missing-grid-name">
            {g.communityName} {g.name}
          </span>
          <span className={`missing-grid-count${g.missing > 0 ? " is-todo" : ""}`}>{g.missing}</span>
          <span className="missing-muted missing-grid-sub">
            {t("missing.gridCard", { missing: g.missing, sampled: g.sampled, expected: g.expected })}
          </span>
        </button>
      ))}
    </Card>
  );
}
