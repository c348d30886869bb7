import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { formatAsOfZh, type Report } from "@shequ/core/report-schema";
import { Alert, Button, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { formatDateTime } from "../campaigns/shanghai-time";
import { figureText, ROW_FIGURES, useRowLevel } from "./report-table";
import { fetchReport } from "./reports-api";
import "../campaigns/print/print.css";
import "./reports.css";

/**
 * The report on one A4 sheet to sign and send: the paragraph, the table one level down and the
 * signature line (填报单位 / 填报人 / 时间). The toolbar is left out of the printout.
 */
export function ReportPrintPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const regionId = params.get("regionId") ?? undefined;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const report = useApi((signal) => fetchReport(id, regionId, signal), [id, regionId]);
  const back = `/reports?campaignId=${id}${regionId ? `&regionId=${regionId}` : ""}`;
  return (
    <div className="print-root">
      <div className="print-toolbar">
        <Button icon={<ArrowLeftOutlined />} href={back} data-testid="report-print-back">
          {t("reports.print.back")}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!report.data}
          onClick={() => window.print()}
          data-testid="print-button"
        >
          {t("reports.printButton")}
        </Button>
      </div>
      {report.error ? (
        report.error.code === "not_found" ? (
          <Result status="404" title={errorText(report.error)} />
        ) : (
          <Alert
            type="error"
            showIcon
            title={errorText(report.error)}
            style={{ maxWidth: 600, margin: "0 auto" }}
          />
        )
      ) : !report.data ? (
        <div style={{ display: "grid", placeItems: "center", minHeight: "50vh" }}>
          <Spin size="large" />
        </div>
      ) : (
        <ReportSheet report={report.data} />
      )}
    </div>
  );
}

function ReportSheet({ report }: { report: Report }) {
  const { t } = useTranslation();
  const lang = useLang();
  const level = useRowLevel(report);
  const inText = useRowLevel(report, true);
  const shared = report.shared;
  return (
    <div className="print-page" data-testid="report-sheet">
      <h1 className="sheet-title" style={{ fontSize: "20pt" }}>
        {t("reports.print.sheetTitle", { region: report.region.name, round: report.campaign.name })}
      </h1>
      <p className="sheet-sub" style={{ fontSize: "12pt" }}>
        {t("reports.asOf", { at: formatAsOfZh(report.asOf) })}
      </p>
      <p className="report-sheet-paragraph">{lang === "en" ? report.text.en : report.text.zh}</p>
      <table className="sheet-table report-sheet-table">
        <thead>
          <tr>
            <th>{level}</th>
            {ROW_FIGURES.map((key) => (
              <th key={key} className="num">
                {t(`reports.cols.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.id}>
              <td>{row.name}</td>
              {ROW_FIGURES.map((key) => (
                <td key={key} className="num">
                  {figureText(row, key)}
                </td>
              ))}
            </tr>
          ))}
          {shared.points > 0 && (
            <tr>
              <td>{t("reports.sharedPoints", { level, count: shared.points })}</td>
              {ROW_FIGURES.map((key) => (
                <td key={key} className="num">
                  {key === "tubes" ? shared.tubes : key === "positiveTubes" ? shared.positiveTubes : ""}
                </td>
              ))}
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <td>{t("reports.total")}</td>
            {ROW_FIGURES.map((key) => (
              <td key={key} className="num">
                {figureText(report.region, key)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <p className="sheet-small" style={{ marginTop: "3mm" }}>
        {t("reports.tubesHint", { level: inText })}
      </p>
      <div className="report-signature">
        <span>{t("reports.print.unit")}</span>
        <span>{t("reports.print.person")}</span>
        <span>{t("reports.print.time")}</span>
      </div>
      <div className="sheet-footer sheet-small">
        {t("reports.print.printedAt", { at: formatDateTime(new Date().toISOString()) })}
      </div>
    </div>
  );
}
