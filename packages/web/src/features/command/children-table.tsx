import type { DashboardRegion } from "@shequ/core/dashboard-schema";
import { Progress, Table } from "antd";
import { useTranslation } from "react-i18next";
import { rowProps } from "../../app/row-props";
import { COLORS, formatCount, formatPercent, percentDown } from "./command-format";

/** The regions one level down with their numbers; sortable, missing people in red; a row goes down. */
export function ChildrenTable(props: {
  items: DashboardRegion[];
  onOpen?: ((region: DashboardRegion) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { onOpen } = props;
  const number = (key: "expected" | "sampled" | "exempted") => ({
    key,
    dataIndex: key,
    align: "right" as const,
    width: 110,
    sorter: (a: DashboardRegion, b: DashboardRegion) => a[key] - b[key],
    render: (v: number) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatCount(v)}</span>,
  });
  return (
    <Table<DashboardRegion>
      rowKey="id"
      size="small"
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 640 }}
      onRow={onOpen ? (row) => rowProps("command-child-row", () => onOpen(row)) : undefined}
      columns={[
        {
          key: "name",
          title: t("command.table.name"),
          dataIndex: "name",
          sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN", { numeric: true }),
          render: (name: string) => (
            <strong style={{ color: onOpen ? "#1f5fa8" : "#102a43" }} data-testid="command-child-name">
              {name}
            </strong>
          ),
        },
        { ...number("expected"), title: t("command.table.expected") },
        { ...number("sampled"), title: t("command.table.sampled") },
        { ...number("exempted"), title: t("command.table.exempted") },
        {
          key: "missing",
          title: t("command.table.missing"),
          dataIndex: "missing",
          align: "right",
          width: 110,
          sorter: (a, b) => a.missing - b.missing,
          render: (v: number) => (
            <span
              data-testid="command-child-missing"
              style={{
                color: v > 0 ? COLORS.missing : COLORS.onTrack,
                fontWeight: v > 0 ? 600 : 400,
                fontVariantNumeric: "tabular-nums",
              }}
            >
              {formatCount(v)}
            </span>
          ),
        },
        {
          key: "coverage",
          title: t("command.table.coverage"),
          dataIndex: "coverage",
          width: 200,
          sorter: (a, b) => a.coverage - b.coverage,
          render: (v: number, row) => (
            <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
              <Progress
                percent={percentDown(v)}
                showInfo={false}
                size="small"
                strokeColor={row.missing > 0 ? COLORS.sampled : COLORS.onTrack}
                style={{ flex: 1, margin: 0 }}
              />
              <span style={{ width: 52, textAlign: "right", fontVariantNumeric: "tabular-nums" }}>
                {formatPercent(v)}
              </span>
            </div>
          ),
        },
      ]}
    />
  );
}
