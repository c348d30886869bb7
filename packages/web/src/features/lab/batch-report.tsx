import { DownloadOutlined } from "@ant-design/icons";
import type { LineCode } from "@shequ/core/lab-results";
import { App, Button, Card, Table, type TableColumnsType, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { downloadBatchReport, type LineCounts, type ReportLine } from "./lab-api";
import { CODE_COLORS, LineCodeTag } from "./lab-tags";

const CODES: { code: LineCode; count: keyof LineCounts }[] = [
  { code: "applied", count: "applied" },
  { code: "repeated", count: "repeated" },
  { code: "unknown", count: "unknown" },
  { code: "conflict", count: "conflicts" },
  { code: "invalid", count: "invalid" },
];

const COUNT_COLORS: Record<string, string> = {
  green: "#389e0d",
  blue: "#0958d9",
  orange: "#d46b08",
  red: "#cf1322",
  magenta: "#c41d7f",
};

/**
 * A batch (or a preview) at a glance: one count per outcome — click one to see only those lines —
 * then every line not applied with its reason, and the report to download for the lab.
 */
export function BatchReport(props: {
  counts: LineCounts;
  report: ReportLine[];
  batchId?: string;
  preview?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [only, setOnly] = useState<LineCode>();
  const [downloading, setDownloading] = useState(false);
  const lines = only ? props.report.filter((l) => l.code === only) : props.report;

  const download = async () => {
    if (!props.batchId) return;
    setDownloading(true);
    try {
      await downloadBatchReport(props.batchId, lang);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setDownloading(false);
    }
  };

  const columns: TableColumnsType<ReportLine> = [
    { key: "line", title: t("lab.report.line"), dataIndex: "line", width: 80 },
    {
      key: "barcode",
      title: t("lab.report.barcode"),
      dataIndex: "barcode",
      width: 200,
      render: (barcode: string) => <span className="mono">{barcode || "—"}</span>,
    },
    {
      key: "code",
      title: t("lab.report.code"),
      dataIndex: "code",
      width: 120,
      render: (code: LineCode) => <LineCodeTag code={code} />,
    },
    {
      key: "reason",
      title: t("lab.report.reason"),
      render: (_: unknown, l) => (lang === "en" ? l.messageEn : l.message),
    },
  ];

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        {CODES.map(({ code, count }) => {
          const value = props.counts[count];
          const active = only === code;
          const clickable = code !== "applied" && value > 0;
          return (
            <Card
              key={code}
              size="small"
              hoverable={clickable}
              onClick={clickable ? () => setOnly(active ? undefined : code) : undefined}
              style={{
                minWidth: 120,
                flex: "1 1 120px",
                borderColor: active ? COUNT_COLORS[CODE_COLORS[code]] : undefined,
                borderWidth: active ? 2 : 1,
              }}
              data-testid={`lab-count-${code}`}
            >
              <div style={{ color: "#5c6b7a" }}>
                {code === "applied" && props.preview ? t("lab.upload.willApply") : t(`lab.codes.${code}`)}
              </div>
              <div
                style={{
                  fontSize: 28,
                  fontWeight: 600,
                  color: value > 0 ? COUNT_COLORS[CODE_COLORS[code]] : "#8c8c8c",
                }}
              >
                {value.toLocaleString()}
              </div>
            </Card>
          );
        })}
      </div>
      {props.report.length > 0 ? (
        <>
          <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 8 }}>
            <Typography.Text type="secondary">{t("lab.report.filterHint")}</Typography.Text>
            {props.batchId && (
              <Button
                icon={<DownloadOutlined />}
                loading={downloading}
                onClick={download}
                data-testid="lab-report-download"
              >
                {t("lab.report.download")}
              </Button>
            )}
          </div>
          <Table<ReportLine>
            rowKey={(l) => `${l.line}-${l.reason}`}
            size="small"
            dataSource={lines}
            columns={columns}
            scroll={{ x: 640 }}
            pagination={{ pageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
            onRow={() => ({ "data-testid": "lab-report-row" }) as HTMLAttributes<HTMLElement>}
          />
        </>
      ) : (
        <Typography.Text type="success">{t("lab.report.noProblems")}</Typography.Text>
      )}
    </div>
  );
}
