import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/esm/core";
import { useNavigate } from "react-router";
import type { RegionSummary } from "../regions/regions-api";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Residents per child region; a click on a bar opens that region in the registry. */
export function ResidentsChart({ items, seriesName }: { items: RegionSummary[]; seriesName: string }) {
  const navigate = useNavigate();
  const option = {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    xAxis: {
      type: "category",
      data: items.map((i) => i.name),
      axisLabel: { interval: 0, rotate: items.length > 6 ? 30 : 0 },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: seriesName,
        type: "bar",
        barMaxWidth: 40,
        data: items.map((i) => i.residentCount),
        itemStyle: { color: "#1f5fa8", borderRadius: [4, 4, 0, 0] },
        label: { show: items.length <= 12, position: "top" },
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      style={{ height: 280 }}
      notMerge
      onEvents={{
        click: (params: { dataIndex: number }) => {
          const item = items[params.dataIndex];
          if (item) navigate(`/regions/${item.id}`);
        },
      }}
    />
  );
}
