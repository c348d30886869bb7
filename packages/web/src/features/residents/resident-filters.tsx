import { SearchOutlined } from "@ant-design/icons";
import { RESIDENT_FLAG_LABELS, RESIDENT_FLAGS, type ResidentFlag } from "@shequ/core/flags";
import { Input, Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { RegionCascader } from "../regions/region-cascader";
import type { ResidentStatus } from "./residents-api";

export interface ResidentFilterValues {
  q: string;
  regionId: string | undefined;
  flags: ResidentFlag[];
  status: ResidentStatus | "all";
}

const SEARCH_DELAY_MS = 400;

/** Search box, flags, status and area; typing searches after a short pause, Enter at once. */
export function ResidentFilters(props: {
  value: ResidentFilterValues;
  onChange: (changes: Partial<ResidentFilterValues>) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState(props.value.q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { onChange } = props;

  useEffect(() => setText(props.value.q), [props.value.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const searchNow = (q: string) => {
    clearTimeout(timer.current);
    if (q.trim() !== props.value.q.trim()) onChange({ q });
  };

  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
      <Input
        data-testid="resident-search"
        prefix={<SearchOutlined style={{ color: "#8a97a8" }} />}
        enterKeyHint="search"
        value={text}
        allowClear
        placeholder={t("residents.searchPlaceholder")}
        style={{ flex: "2 1 260px" }}
        onChange={(event) => {
          const q = event.target.value;
          setText(q);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => searchNow(q), SEARCH_DELAY_MS);
        }}
        onPressEnter={() => searchNow(text)}
      />
      <RegionCascader
        value={props.value.regionId}
        onChange={(regionId) => onChange({ regionId })}
        placeholder={t("residents.regionFilter")}
        style={{ flex: "1 1 220px" }}
        testId="resident-region-filter"
      />
      <Select<ResidentFlag[]>
        mode="multiple"
        allowClear
        value={props.value.flags}
        placeholder={t("residents.flagFilter")}
        style={{ flex: "1 1 200px" }}
        onChange={(flags) => onChange({ flags })}
        options={RESIDENT_FLAGS.map((flag) => ({
          value: flag,
          label: pickLabel(RESIDENT_FLAG_LABELS[flag], lang),
        }))}
        data-testid="resident-flag-filter"
      />
      <Select<ResidentStatus | "all">
        value={props.value.status}
        style={{ flex: "0 1 120px" }}
        onChange={(status) => onChange({ status })}
        options={[
          { value: "active", label: t("residents.statusActive") },
          { value: "moved_out", label: t("residents.statusMovedOut") },
          { value: "all", label: t("residents.statusAll") },
        ]}
        data-testid="resident-status-filter"
      />
    </div>
  );
}
