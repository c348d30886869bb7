import type { DashboardPoint } from "@shequ/core/dashboard-schema";
import { BarChart } from "echarts/charts";
import { GridComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { inShanghai } from "../campaigns/shanghai-time";
import { COLORS, formatCount } from "./command-format";
import { hourWindow, pointRows } from "./command-series";

echarts.use([BarChart, GridComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export const POINT_HOURS = 12;
const CELL_HEIGHT = 150;
const MIN_CELL_WIDTH = 230;
const MAX_CELL_WIDTH = 520;
const byName = new Intl.Collator("zh-CN", { numeric: true });

/**
 * One small chart per collection point: samples per hour over the last hours against the point's
 * capacity (dashed), all on one scale so points compare at a glance; an hour above capacity is red,
 * the current hour (still filling) pale. Points keep their place (by name) as the numbers change.
 */
export function PointLoadChart({ points, asOf }: { points: DashboardPoint[]; asOf: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const span = hourWindow(asOf, POINT_HOURS);
  const rows = pointRows(
    [...points].sort((a, b) => byName.compare(a.name, b.name)),
    span,
  );
  // As many columns as fit (at most 6), then spread evenly over the rows: 5 points make 3 + 2, not 4 + 1.
  const fit = Math.max(1, Math.min(rows.length, 6, Math.floor(width / MIN_CELL_WIDTH) || 1));
  const cols = Math.ceil(rows.length / Math.ceil(rows.length / fit));
  // A lone point does not stretch over a wall screen: 12 hourly bars read best at a moderate width.
  const cellWidth = Math.min(width / cols, MAX_CELL_WIDTH);
  const top = Math.max(1, ...rows.flatMap((r) => [r.capacity, ...r.samples]));
  const hours = span.map((h) => inShanghai(h).format("HH:00"));
  const last = span.length - 1;
  const place = (i: number) => ({ left: (i % cols) * cellWidth, top: Math.floor(i / cols) * CELL_HEIGHT });
  const option = {
    animation: false,
    tooltip: {
      trigger: "item",
      // By id, not index: after a merge that dropped points, indices no longer line up with rows.
      formatter: (p: { seriesId: string; dataIndex: number }) => {
        const row = rows.find((r) => `s-${r.id}` === p.seriesId);
        if (!row) return "";
        const when = `${hours[p.dataIndex]}${p.dataIndex === last ? `（${t("command.points.currentHour")}）` : ""}`;
        return [
          `<strong>${row.name}</strong>`,
          when,
          `${t("command.points.samples")}：${formatCount(row.samples[p.dataIndex] ?? 0)}`,
          `${t("command.points.capacity")}：${formatCount(row.capacity)}`,
        ].join("<br/>");
      },
    },
    title: rows.map((r, i) => ({
      id: `t-${r.id}`,
      left: place(i).left + 8,
      top: place(i).top,
      text: r.closed ? `${r.name}（${t("command.points.closed")}）` : r.name,
      subtext: t("command.points.summary", {
        now: formatCount(r.samples[last] ?? 0),
        capacity: formatCount(r.capacity),
      }),
      itemGap: 2,
      textStyle: {
        fontSize: 13,
        fontWeight: 600,
        color: r.closed ? "#8c99a8" : "#102a43",
        width: cellWidth - 24,
        overflow: "truncate",
      },
      subtextStyle: { fontSize: 12, color: "#5b6b7f" },
    })),
    grid: rows.map((r, i) => ({
      id: `g-${r.id}`,
      left: place(i).left + 40,
      top: place(i).top + 44,
      width: Math.max(40, cellWidth - 56),
      height: CELL_HEIGHT - 44 - 26,
    })),
    xAxis: rows.map((r) => ({
      id: `x-${r.id}`,
      gridId: `g-${r.id}`,
      type: "category",
      data: hours,
      axisTick: { show: false },
      axisLabel: { fontSize: 11, hideOverlap: true, color: "#5b6b7f" },
    })),
    yAxis: rows.map((r) => ({
      id: `y-${r.id}`,
      gridId: `g-${r.id}`,
      type: "value",
      max: niceCeil(top * 1.1),
      splitNumber: 2,
      axisLabel: { fontSize: 11, color: "#5b6b7f", showMaxLabel: false },
    })),
    series: rows.map((r) => ({
      id: `s-${r.id}`,
      type: "bar",
      xAxisId: `x-${r.id}`,
      yAxisId: `y-${r.id}`,
      barMaxWidth: 16,
      data: r.samples.map((n, h) => ({
        value: n,
        itemStyle: {
          color: n > r.capacity ? COLORS.missing : r.closed ? COLORS.exempted : COLORS.sampled,
          opacity: h === last ? 0.5 : 1,
        },
      })),
      markLine: {
        symbol: "none",
        silent: true,
        label: { show: false },
        lineStyle: { color: "#5b6b7f", type: "dashed", width: 1 },
        data: [{ yAxis: r.capacity }],
      },
    })),
  };
  const height = Math.ceil(rows.length / cols) * CELL_HEIGHT;
  return (
    <div ref={box} data-testid="command-points-chart" data-points={rows.length}>
      {width > 0 && (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          replaceMerge={["title", "grid", "xAxis", "yAxis", "series"]}
          style={{ height }}
          lazyUpdate
        />
      )}
    </div>
  );
}

/** 248 → 250, 1,130 → 1,500: a scale top that reads as a round number. */
function niceCeil(n: number): number {
  const step = 10 ** Math.floor(Math.log10(Math.max(1, n))) / 2;
  return Math.ceil(n / step) * step;
}

/** The element's width, kept up to date as the window or the layout changes. */
function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
