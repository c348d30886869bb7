import { formatCoverage, type SnapshotItem } from "@shequ/core/report-schema";
import { Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../campaigns/shanghai-time";
import { formatCount } from "../command/command-format";

const FIGURES = [
  "expected",
  "sampled",
  "coverage",
  "exempted",
  "missing",
  "tubes",
  "positiveTubes",
  "recalled",
  "resampled",
] as const;

/** The hourly snapshots kept for the record, newest first, with how much each hour added. */
export function SnapshotsTable({ items }: { items: SnapshotItem[] }) {
  const { t } = useTranslation();
  const newest = [...items].reverse();
  const gain = new Map(
    items.map((s, i) => [s.hour, i > 0 ? s.sampled - (items[i - 1]?.sampled ?? 0) : null]),
  );
  const columns: ColumnsType<SnapshotItem> = [
    { title: t("reports.cols.hour"), key: "hour", width: 150, render: (_, s) => formatDateTime(s.hour) },
    ...FIGURES.map((key) => ({
      title: t(`reports.cols.${key}`),
      key,
      align: "right" as const,
      className: "report-num",
      render: (_: unknown, s: SnapshotItem) => {
        if (key === "coverage") return formatCoverage(s.coverage);
        const added = key === "sampled" ? gain.get(s.hour) : null;
        return (
          <>
            {formatCount(s[key])}
            {added !== null && added !== undefined && added > 0 && (
              <span style={{ color: "#237804", marginLeft: 6 }}>+{formatCount(added)}</span>
            )}
          </>
        );
      },
    })),
  ];
  return (
    <Table<SnapshotItem>
      size="small"
      rowKey="hour"
      pagination={newest.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
      columns={columns}
      dataSource={newest}
      locale={{ emptyText: t("reports.noSnapshots") }}
      data-testid="report-snapshots"
    />
  );
}
