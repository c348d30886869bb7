import { ApiOutlined, FileTextOutlined } from "@ant-design/icons";
import { Alert, Drawer, Grid, Spin, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { rowProps } from "../../app/row-props";
import { useApi } from "../../app/use-api";
import { formatDateTime, formatShort } from "../campaigns/shanghai-time";
import { BatchReport } from "./batch-report";
import { type BatchSummary, fetchBatch, fetchBatches } from "./lab-api";
import { CODE_COLORS } from "./lab-tags";

const COLORS: Record<string, string> = {
  orange: "#d46b08",
  red: "#cf1322",
  magenta: "#c41d7f",
  blue: "#0958d9",
};

function Count({ value, color }: { value: number; color?: string }) {
  return (
    <span style={{ color: value > 0 && color ? color : value > 0 ? undefined : "#bfbfbf" }}>{value}</span>
  );
}

/** Every file and API post of the area, newest first; open one to see its report. */
export function BatchesTab({ tick }: { tick: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const wide = Grid.useBreakpoint().md !== false;
  const batches = useApi((signal) => fetchBatches(signal), [tick]);
  const [openId, setOpenId] = useState<string>();

  const columns: TableColumnsType<BatchSummary> = [
    {
      key: "at",
      title: t("lab.batches.at"),
      width: 130,
      render: (_: unknown, b) => formatShort(b.createdAt, lang),
    },
    {
      key: "source",
      title: t("lab.batches.source"),
      render: (_: unknown, b) =>
        b.source === "api" ? (
          <span>
            <ApiOutlined /> {t("lab.batches.api")}
          </span>
        ) : (
          <span>
            <FileTextOutlined /> {b.fileName}
          </span>
        ),
    },
    { key: "by", title: t("lab.batches.by"), dataIndex: "by", responsive: ["md"] },
    { key: "lines", title: t("lab.batches.lines"), dataIndex: "lines", width: 80, align: "right" },
    {
      key: "applied",
      title: t("lab.codes.applied"),
      width: 80,
      align: "right",
      render: (_: unknown, b) => <Count value={b.applied} color="#389e0d" />,
    },
    ...(["repeated", "unknown", "conflicts", "invalid"] as const).map((k) => ({
      key: k,
      title: t(`lab.codes.${k === "conflicts" ? "conflict" : k}`),
      width: 90,
      align: "right" as const,
      render: (_: unknown, b: BatchSummary) => (
        <Count value={b[k]} color={COLORS[CODE_COLORS[k === "conflicts" ? "conflict" : k]]} />
      ),
    })),
  ];

  return (
    <>
      {batches.error && <Alert type="error" showIcon title={errorText(batches.error)} />}
      <Table<BatchSummary>
        rowKey="id"
        size="small"
        loading={batches.loading}
        dataSource={batches.data?.items ?? []}
        columns={
          wide ? columns : columns.filter((c) => ["at", "source", "lines", "applied"].includes(String(c.key)))
        }
        locale={{ emptyText: t("lab.batches.empty") }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(b) => rowProps("lab-batch-row", () => setOpenId(b.id))}
      />
      <Drawer
        open={openId !== undefined}
        onClose={() => setOpenId(undefined)}
        size={wide ? 860 : "100%"}
        title={t("lab.batches.detail")}
        destroyOnHidden
      >
        {openId && <BatchDetail id={openId} />}
      </Drawer>
    </>
  );
}

function BatchDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const batch = useApi((signal) => fetchBatch(id, signal), [id]);
  if (batch.error) return <Alert type="error" showIcon title={errorText(batch.error)} />;
  if (!batch.data) return <Spin />;
  const b = batch.data;
  return (
    <div style={{ display: "grid", gap: 12 }}>
      <div style={{ color: "#5c6b7a" }} data-testid="lab-batch-detail">
        {formatDateTime(b.createdAt)} · {b.source === "api" ? t("lab.batches.api") : b.fileName} ·{" "}
        {b.by ?? "—"}
      </div>
      <BatchReport counts={b} report={b.report} batchId={b.id} />
    </div>
  );
}
