import { REGION_LEVEL_LABELS, type RegionLevel } from "@shequ/core/regions";
import type { RegionRef } from "@shequ/core/report-schema";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import type { CampaignSummary } from "../campaigns/campaigns-api";
import { RoundSelect } from "../campaigns/round-select";

/**
 * Where in the round to look: the regions from the top of the user's area down to the one shown,
 * then the ones one level below it. The server starts at the user's own area.
 */
export function RegionPicker(props: {
  trail: RegionRef[];
  below: RegionRef[];
  value: string | undefined;
  onChange: (regionId: string | undefined) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const level = (r: RegionRef) => pickLabel(REGION_LEVEL_LABELS[r.level as RegionLevel], lang, r.level);
  const top = props.trail[0]?.id;
  const options = [
    ...props.trail.map((r) => ({
      value: r.id,
      label: t("reports.regionLevel", { level: level(r), name: r.name }),
    })),
    ...props.below.map((r) => ({ value: r.id, label: t("reports.regionDown", { name: r.name }) })),
  ];
  return (
    <Select
      showSearch={{ optionFilterProp: "label" }}
      value={props.value ?? top}
      style={{ flex: "1 1 200px", maxWidth: 300 }}
      placeholder={t("reports.region")}
      onChange={(id: string) => props.onChange(id === top ? undefined : id)}
      options={options}
      data-testid={props.testId}
    />
  );
}

/** The round and the region of a reports page, side by side; a new round starts at the user's area. */
export function ReportFilters(props: {
  rounds: CampaignSummary[];
  loading: boolean;
  campaignId: string | undefined;
  regions: { trail: RegionRef[]; below: RegionRef[] } | undefined;
  regionId: string | undefined;
  update: (changes: Record<string, string | undefined>) => void;
  /** Prefix of the test ids: `<prefix>-round`, `<prefix>-region`. */
  testId: string;
}) {
  return (
    <div className="report-filters">
      <RoundSelect
        rounds={props.rounds}
        loading={props.loading}
        value={props.campaignId}
        onChange={(id) => props.update({ campaignId: id, regionId: undefined })}
        testId={`${props.testId}-round`}
      />
      {props.regions && (
        <RegionPicker
          trail={props.regions.trail}
          below={props.regions.below}
          value={props.regionId}
          onChange={(id) => props.update({ regionId: id })}
          testId={`${props.testId}-region`}
        />
      )}
    </div>
  );
}
