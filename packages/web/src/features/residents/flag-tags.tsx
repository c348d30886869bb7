import { RESIDENT_FLAG_LABELS, type ResidentFlag } from "@shequ/core/flags";
import { Tag } from "antd";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";

/** One colour per flag, the same on every screen, so a bedridden resident stands out in a list. */
export const FLAG_COLORS: Record<ResidentFlag, string> = {
  bedridden: "red",
  cannot_walk: "orange",
  elderly_alone: "purple",
  disabled: "geekblue",
};

export function FlagTags({ flags }: { flags: readonly ResidentFlag[] }) {
  const lang = useLang();
  return (
    <span style={{ display: "inline-flex", flexWrap: "wrap", gap: 4 }}>
      {flags.map((flag) => (
        <Tag key={flag} color={FLAG_COLORS[flag] ?? "default"} style={{ marginInlineEnd: 0 }}>
          {pickLabel(RESIDENT_FLAG_LABELS[flag], lang, flag)}
        </Tag>
      ))}
    </span>
  );
}
