import { Alert, App, Button, type ButtonProps, Empty, Modal, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { formatDateTime, formatShort } from "../campaigns/shanghai-time";
import { ruleLabel, sourceLabel } from "./shift-labels";
import { fetchHours, fetchOverLimit, type HoursRow } from "./shifts-api";

// Printing shows the certificate alone, not the page behind the dialog.
const PRINT_ONLY_CERTIFICATE = `@media print {
  body * { visibility: hidden; }
  .shequ-certificate, .shequ-certificate * { visibility: visible; }
  .shequ-certificate { position: fixed; inset: 0; padding: 15mm !important; }
}`;

/** Who is over a rest rule now, by what they actually worked: the people to send home first. */
export function OverLimitTab({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const over = useApi((signal) => fetchOverLimit(campaignId, signal), [campaignId]);
  if (over.error) return <Alert type="error" message={errorText(over.error)} />;
  return (
    <Table
      size="small"
      loading={over.loading}
      rowKey={(r) => `${r.workerId}|${r.rule}|${r.from}`}
      dataSource={over.data?.items ?? []}
      locale={{ emptyText: t("shifts.overLimitEmpty") }}
      data-testid="over-limit"
      pagination={false}
      columns={[
        { title: t("shifts.col.person"), render: (_, r) => `${r.badgeNo ?? ""} ${r.name}` },
        {
          title: t("shifts.overLimitRule"),
          render: (_, r) => <Tag color="red">{ruleLabel(r.rule, lang)}</Tag>,
        },
        {
          title: t("shifts.col.hours"),
          render: (_, r) => t("shifts.worked", { hours: r.hours, limit: r.limit }),
        },
        {
          title: t("shifts.col.time"),
          render: (_, r) => `${formatShort(r.from, lang)} – ${formatShort(r.to, lang)}`,
        },
        {
          title: "",
          render: (_, r) => (r.onDuty ? <Tag color="orange">{t("shifts.onDutyNow")}</Tag> : null),
        },
      ]}
    />
  );
}

/** Hours per person in the round, the spreadsheet, and a printable certificate per volunteer. */
export function HoursTab({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const hours = useApi((signal) => fetchHours(campaignId, signal), [campaignId]);
  const [certificate, setCertificate] = useState<HoursRow>();
  if (hours.error) return <Alert type="error" message={errorText(hours.error)} />;
  const download = () =>
    apiDownload("/shifts/hours/export", { campaignId, format: "xlsx" }, "hours.xlsx").catch((e) =>
      message.error(errorText(e)),
    );
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={download} data-testid="hours-export">
          {t("shifts.exportXlsx")}
        </Button>
      </Space>
      <Table<HoursRow>
        size="small"
        loading={hours.loading}
        rowKey="workerId"
        dataSource={hours.data?.items ?? []}
        locale={{
          emptyText: <Empty description={t("shifts.hoursEmpty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
        }}
        data-testid="hours-table"
        columns={[
          { title: t("shifts.col.badge"), dataIndex: "badgeNo" },
          { title: t("shifts.col.name"), dataIndex: "name" },
          { title: t("shifts.col.source"), render: (_, r) => sourceLabel(r.source, lang) },
          { title: t("shifts.col.community"), dataIndex: "communityName" },
          { title: t("shifts.col.shifts"), dataIndex: "shifts", align: "right" },
          { title: t("shifts.col.hours"), render: (_, r) => r.hours.toFixed(1), align: "right" },
          {
            title: "",
            render: (_, r) => (
              <Button
                size="small"
                data-testid={`certificate-${r.workerId}`}
                onClick={() => setCertificate(r)}
              >
                {t("shifts.certificate")}
              </Button>
            ),
          },
        ]}
      />
      {certificate && hours.data && (
        <Modal
          open
          width={680}
          onCancel={() => setCertificate(undefined)}
          okText={t("shifts.print")}
          onOk={() => window.print()}
          okButtonProps={{ "data-testid": "certificate-print" } as ButtonProps}
        >
          <style>{PRINT_ONLY_CERTIFICATE}</style>
          <div
            className="shequ-certificate"
            data-testid="certificate"
            style={{ padding: "32px 24px", fontSize: 16, lineHeight: 2 }}
          >
            <Typography.Title level={2} style={{ textAlign: "center", letterSpacing: 8 }}>
              {t("shifts.certificateTitle")}
            </Typography.Title>
            <p style={{ textIndent: "2em" }}>
              {t("shifts.certificateBody", {
                name: certificate.name,
                badge: certificate.badgeNo ?? "—",
                from: formatDateTime(certificate.firstAt),
                to: formatDateTime(certificate.lastAt),
                community: certificate.communityName,
                round: hours.data.campaignName,
                shifts: certificate.shifts,
                hours: certificate.hours.toFixed(1),
              })}
            </p>
            <p style={{ textIndent: "2em" }}>{t("shifts.certificateThanks")}</p>
            <p style={{ textAlign: "right", marginTop: 48 }}>
              {certificate.communityName} {t("shifts.certificateSign")}
              <br />
              {formatDateTime(new Date().toISOString()).slice(0, 10)}
            </p>
          </div>
        </Modal>
      )}
    </>
  );
}
