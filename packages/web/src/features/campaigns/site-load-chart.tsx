import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import type { SlotLoad } from "./campaigns-api";
import { formatDay, inShanghai } from "./shanghai-time";

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/**
 * Booked people against capacity for each slot of one point: the grey bar is what the slot can
 * take, the blue bar inside it who is booked; slots ending after the deadline are red.
 */
export function SiteLoadChart({ slots, deadline }: { slots: SlotLoad[]; deadline: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const deadlineMs = new Date(deadline).getTime();
  const labels = slots.map((s, i) => {
    const start = inShanghai(s.startsAt);
    const previous = slots[i - 1];
    const newDay = !previous || inShanghai(previous.startsAt).format("YYYYMMDD") !== start.format("YYYYMMDD");
    return newDay ? `${formatDay(s.startsAt, lang)}\n${start.format("HH:mm")}` : start.format("HH:mm");
  });
  const option = {
    // Drawn at once: on a slow laptop at night a growing bar reads as a wrong number.
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      right: 0,
      data: [t("campaigns.schedule.chartCapacity"), t("campaigns.schedule.chartBooked")],
    },
    tooltip: {
      trigger: "axis",
      formatter: (items: { dataIndex: number }[]) => {
        const slot = slots[items[0]?.dataIndex ?? 0];
        if (!slot) return "";
        const when = `${formatDay(slot.startsAt, lang)} ${inShanghai(slot.startsAt).format("HH:mm")}–${inShanghai(slot.endsAt).format("HH:mm")}`;
        return `${when}<br/>${t("campaigns.schedule.chartBooked")}：${slot.booked}<br/>${t("campaigns.schedule.chartCapacity")}：${slot.capacity}`;
      },
    },
    xAxis: { type: "category", data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: t("campaigns.schedule.chartCapacity"),
        type: "bar",
        barMaxWidth: 28,
        data: slots.map((s) => s.capacity),
        itemStyle: { color: "#dfe5ec" },
      },
      {
        name: t("campaigns.schedule.chartBooked"),
        type: "bar",
        barMaxWidth: 28,
        barGap: "-100%",
        data: slots.map((s) => ({
          value: s.booked,
          itemStyle: { color: new Date(s.endsAt).getTime() > deadlineMs ? "#cf1322" : "#1f5fa8" },
        })),
        itemStyle: { color: "#1f5fa8" },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 220 }} notMerge />;
}
