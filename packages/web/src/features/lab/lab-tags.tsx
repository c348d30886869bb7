import type { LineCode, TubeResult } from "@shequ/core/lab-results";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/** One colour per outcome, the same in counts, tables and the report. */
export const CODE_COLORS: Record<LineCode, string> = {
  applied: "green",
  repeated: "blue",
  unknown: "orange",
  conflict: "red",
  invalid: "magenta",
};

const RESULT_COLORS: Record<TubeResult, string> = { negative: "green", positive: "red", invalid: "orange" };

export function LineCodeTag({ code }: { code: LineCode }) {
  const { t } = useTranslation();
  return <Tag color={CODE_COLORS[code]}>{t(`lab.codes.${code}`)}</Tag>;
}

/** 阳性 in red, 无效 in orange, 阴性 in green: a positive must never look like the others. */
export function ResultTag({ result }: { result: TubeResult }) {
  const { t } = useTranslation();
  return (
    <Tag color={RESULT_COLORS[result]} style={{ fontSize: 14, padding: "1px 8px" }}>
      {t(`lab.results.${result}`)}
    </Tag>
  );
}
