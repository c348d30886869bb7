import type { DashboardRegion } from "@shequ/core/dashboard-schema";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { COLORS, formatCount, formatPercent } from "./command-format";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const ROW = 34;

/**
 * Sampled, exempted and missing people of each region one level down, one bar per region (its
 * length is the region's expected), with its coverage on the right. A click on a bar goes down.
 */
export function CoverageBarsChart(props: {
  items: DashboardRegion[];
  onOpen?: ((region: DashboardRegion) => void) | undefined;
}) {
  const { t } = useTranslation();
  // One stable click handler reading the latest rows, so a poll does not rebind chart events.
  const latest = useRef(props);
  latest.current = props;
  const [events] = useState(() => ({
    click: (params: { dataIndex: number }) => {
      const region = latest.current.items[params.dataIndex];
      if (region) latest.current.onOpen?.(region);
    },
  }));
  const items = props.items;
  const names = [
    t("command.coverage.sampled"),
    t("command.coverage.exempted"),
    t("command.coverage.missing"),
  ];
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, data: names, itemWidth: 14, textStyle: { fontSize: 13 } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: { dataIndex: number }[]) => {
        const r = items[params[0]?.dataIndex ?? -1];
        if (!r) return "";
        return [
          `<strong>${r.name}</strong>`,
          `${t("command.table.expected")}：${formatCount(r.expected)}`,
          `${names[0]}：${formatCount(r.sampled)}`,
          `${names[1]}：${formatCount(r.exempted)}`,
          `${names[2]}：${formatCount(r.missing)}`,
          `${t("command.coverage.coverage")}：${formatPercent(r.coverage)}`,
        ].join("<br/>");
      },
    },
    xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v) } },
    yAxis: [
      {
        type: "category",
        inverse: true,
        data: items.map((r) => r.name),
        axisTick: { show: false },
        axisLabel: { fontSize: 14, color: "#102a43", width: 140, overflow: "truncate" },
      },
      {
        type: "category",
        inverse: true,
        position: "right",
        data: items.map((r) => formatPercent(r.coverage)),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: {
          fontSize: 14,
          fontWeight: 600,
          color: (_: string, i: number) => ((items[i]?.missing ?? 0) > 0 ? "#102a43" : COLORS.onTrack),
        },
      },
    ],
    series: [
      { id: "sampled", name: names[0], data: items.map((r) => r.sampled), color: COLORS.sampled },
      { id: "exempted", name: names[1], data: items.map((r) => r.exempted), color: COLORS.exempted },
      { id: "missing", name: names[2], data: items.map((r) => r.missing), color: COLORS.missing },
    ].map((s) => ({
      ...s,
      type: "bar",
      stack: "people",
      barMaxWidth: 22,
      cursor: props.onOpen ? "pointer" : "default",
    })),
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: Math.max(200, items.length * ROW + 56) }}
      lazyUpdate
      onEvents={events}
    />
  );
}
