import type { Dashboard } from "@shequ/core/dashboard-schema";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatShort } from "../campaigns/shanghai-time";
import { COLORS, formatChartTime, formatCount } from "./command-format";
import { burnUpLines, finishState } from "./command-series";

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/**
 * Residents covered so far, hour by hour, against the number the round must reach and its
 * deadline; the dashed line is where the current rate leads.
 */
export function BurnUpChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const lines = burnUpLines(data);
  const dayPattern = lang === "en" ? "MMM D" : "M月D日";
  const finishAt = data.projection.finishAt;
  const names = [t("command.burnUp.sampled"), t("command.burnUp.projection")];
  const option = {
    animation: false,
    // Values are Beijing-shifted instants (chartTime): UTC mode puts ticks on Beijing hours.
    useUTC: true,
    grid: { left: 8, right: 24, top: 56, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, data: names, textStyle: { fontSize: 13 } },
    tooltip: {
      trigger: "axis",
      formatter: (params: { seriesName: string; value: [number, number] }[]) => {
        const first = params[0];
        if (!first) return "";
        const when = formatChartTime(first.value[0], `${dayPattern} HH:mm`);
        return [when, ...params.map((p) => `${p.seriesName}：${formatCount(Math.round(p.value[1]))}`)].join(
          "<br/>",
        );
      },
    },
    xAxis: {
      type: "time",
      min: lines.min,
      max: lines.max,
      axisLabel: {
        hideOverlap: true,
        formatter: (v: number) =>
          formatChartTime(v, "HH:mm") === "00:00"
            ? formatChartTime(v, dayPattern)
            : formatChartTime(v, "HH:mm"),
      },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: (extent: { max: number }) => Math.ceil(Math.max(extent.max, lines.target) * 1.08),
      axisLabel: { formatter: (v: number) => formatCount(v), showMaxLabel: false },
    },
    series: [
      {
        id: "actual",
        name: names[0],
        type: "line",
        data: lines.actual,
        showSymbol: false,
        color: COLORS.sampled,
        lineStyle: { width: 3 },
        areaStyle: { opacity: 0.12 },
        markLine: {
          symbol: "none",
          silent: true,
          data: [
            {
              yAxis: lines.target,
              lineStyle: { color: "#102a43", type: "solid", width: 1.5 },
              label: {
                position: "insideStartBottom",
                formatter: t("command.burnUp.target", { n: formatCount(lines.target) }),
                color: "#102a43",
                fontSize: 13,
              },
            },
            {
              xAxis: lines.deadline,
              lineStyle: { color: COLORS.late, type: "solid", width: 2 },
              label: {
                // Right-aligned to the line, so a deadline at the chart's edge is not cut off.
                position: "end",
                align: "right",
                formatter: `${t("command.burnUp.deadline")} ${formatShort(data.campaign.deadlineAt, lang)}`,
                color: COLORS.late,
                fontSize: 13,
              },
            },
            {
              xAxis: lines.now,
              lineStyle: { color: "#8c99a8", type: "dotted", width: 1 },
              label: { show: false },
            },
          ],
        },
      },
      {
        id: "projection",
        name: names[1],
        type: "line",
        data: lines.projection.map((point, i) =>
          i === 1 && finishAt
            ? {
                value: point,
                symbol: "circle",
                symbolSize: 8,
                label: {
                  show: !lines.finishOffChart,
                  position: "top",
                  formatter: t("command.burnUp.finish", { time: formatShort(finishAt, lang) }),
                  color: data.projection.verdict === "late" ? COLORS.late : COLORS.onTrack,
                  fontWeight: 600,
                },
              }
            : { value: point, symbol: "none" },
        ),
        color: COLORS.projection,
        lineStyle: { type: "dashed", width: 2 },
      },
    ],
  };
  const { state } = finishState(data);
  const caption =
    state === "done" || state === "not_started"
      ? undefined
      : !finishAt
        ? t("command.burnUp.noFinish")
        : lines.finishOffChart
          ? t("command.burnUp.finishOffChart", { time: formatShort(finishAt, lang) })
          : undefined;
  return (
    <>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: 340 }}
        lazyUpdate
        data-testid="command-burn-up"
      />
      {caption && (
        <div className="command-hint" style={{ color: COLORS.late }} data-testid="command-burn-up-note">
          {caption}
        </div>
      )}
    </>
  );
}
