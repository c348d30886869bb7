import { CopyOutlined, FileExcelOutlined, PrinterOutlined, ReloadOutlined } from "@ant-design/icons";
import type { Report } from "@shequ/core/report-schema";
import { Alert, App, Button, Card, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { useRoundParam } from "../campaigns/round-select";
import { ReportFilters } from "./region-picker";
import { ReportTable, useRowLevel } from "./report-table";
import { downloadReport, fetchReport, fetchSnapshots } from "./reports-api";
import { SnapshotsTable } from "./snapshots-table";
import "./reports.css";

/**
 * A round's report the way a subdistrict sends it upwards: the paragraph to copy into the work
 * group, the table one level down, the hourly snapshots, and the same as Excel or on paper.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const allowed = can("campaign.read");
  const { rounds, loading, campaignId, params, update } = useRoundParam(allowed);
  const regionId = params.get("regionId") ?? undefined;
  const report = useApi(
    (signal) =>
      allowed && campaignId ? fetchReport(campaignId, regionId, signal) : Promise.resolve(undefined),
    [allowed, campaignId, regionId],
  );
  const snapshots = useApi(
    (signal) =>
      allowed && campaignId ? fetchSnapshots(campaignId, regionId, signal) : Promise.resolve(undefined),
    [allowed, campaignId, regionId],
  );
  const [exporting, setExporting] = useState(false);

  if (!allowed) return <ForbiddenResult />;
  const data = report.data;
  const printHref = campaignId
    ? `/print/campaigns/${campaignId}/report${regionId ? `?regionId=${regionId}` : ""}`
    : undefined;

  const exportExcel = async () => {
    if (!campaignId) return;
    setExporting(true);
    try {
      await downloadReport(campaignId, regionId);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="report-page">
      <PageTitle
        title={t("reports.title")}
        sub={t("reports.subtitle")}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                report.reload();
                snapshots.reload();
              }}
              disabled={!campaignId}
              data-testid="report-reload"
            />
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting}
              disabled={!data}
              onClick={exportExcel}
              data-testid="report-export"
            >
              {t("reports.exportExcel")}
            </Button>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              disabled={!data}
              href={printHref}
              data-testid="report-print"
            >
              {t("reports.printButton")}
            </Button>
          </>
        }
      />
      <ReportFilters
        rounds={rounds}
        loading={loading}
        campaignId={campaignId}
        regions={data && { trail: data.trail, below: data.rows }}
        regionId={regionId}
        update={update}
        testId="report"
      />
      {!loading && rounds.length === 0 && <Alert type="info" showIcon title={t("reports.noRounds")} />}
      {report.error && (
        <Alert type="error" showIcon title={errorText(report.error)} style={{ marginBottom: 12 }} />
      )}
      {report.loading && !data && campaignId && (
        <div style={{ display: "grid", placeItems: "center", minHeight: 240 }}>
          <Spin size="large" />
        </div>
      )}
      {data && (
        <div style={report.loading ? { opacity: 0.55 } : undefined}>
          <ParagraphCard report={data} />
          <TableCard report={data} />
          <Card
            size="small"
            title={t("reports.snapshots")}
            extra={<Typography.Text type="secondary">{t("reports.snapshotsHint")}</Typography.Text>}
          >
            <SnapshotsTable items={snapshots.data?.items ?? []} />
          </Card>
        </div>
      )}
    </div>
  );
}

function ParagraphCard({ report }: { report: Report }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const text = lang === "en" ? report.text.en : report.text.zh;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t("reports.copied"));
    } catch {
      message.warning(t("reports.copyFailed"));
    }
  };
  return (
    <Card
      size="small"
      title={t("reports.paragraph")}
      style={{ marginBottom: 12 }}
      extra={
        <Button icon={<CopyOutlined />} onClick={copy} data-testid="report-copy">
          {t("reports.copy")}
        </Button>
      }
    >
      <p className="report-paragraph" data-testid="report-paragraph">
        {text}
      </p>
    </Card>
  );
}

function TableCard({ report }: { report: Report }) {
  const { t } = useTranslation();
  const level = useRowLevel(report);
  return (
    <Card size="small" title={t("reports.table", { level })} style={{ marginBottom: 12 }}>
      <ReportTable report={report} />
    </Card>
  );
}
