import { CheckOutlined, CloseOutlined, DownloadOutlined, SettingOutlined } from "@ant-design/icons";
import { IMPORT_FIELD_LABELS } from "@shequ/core/import-columns";
import { Alert, App, Button, Card, Col, Popconfirm, Row, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { ImportErrorsTable } from "./import-errors-table";
import { type ImportPreview, previewImport } from "./imports-api";
import { MappingPanel } from "./mapping-panel";

/**
 * What the file holds and what importing it would do, with the two choices right under the
 * counts; below, the rows with problems and (folded away unless needed) the column mapping.
 */
export function PreviewStep(props: {
  preview: ImportPreview;
  onPreview: (preview: ImportPreview) => void;
  onBusy: (busy: boolean) => void;
  onError: (message: string | undefined) => void;
  onCommit: (mapping: Record<string, string>) => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.preview;
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...p.mapping }));
  const [mappingDirty, setMappingDirty] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(p.missingFields.length > 0);
  const [downloading, setDownloading] = useState(false);

  const recheck = async () => {
    props.onBusy(true);
    props.onError(undefined);
    try {
      const next = await previewImport(p.jobId, mapping);
      props.onPreview(next);
      setMapping({ ...next.mapping });
      setMappingDirty(false);
      setMappingOpen(next.missingFields.length > 0);
    } catch (error) {
      props.onError(errorText(error));
    } finally {
      props.onBusy(false);
    }
  };

  const downloadRejected = async () => {
    setDownloading(true);
    try {
      await apiDownload(
        `/imports/${encodeURIComponent(p.jobId)}/rejected`,
        { format: "xlsx" },
        "rejected.xlsx",
      );
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setDownloading(false);
    }
  };

  const cannotCommit = p.validRows === 0 || p.missingFields.length > 0 || mappingDirty;
  const ignored = p.unmappedHeaders.filter((h) => !mapping[h]);

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 16 }}>
      <Card size="small" title={t("imports.fileSummary", { filename: p.filename })}>
        <Row gutter={[16, 16]}>
          <Col xs={8}>
            <Statistic title={t("imports.totalRows")} value={p.totalRows} data-testid="import-total" />
          </Col>
          <Col xs={8}>
            <Statistic
              title={t("imports.validRows")}
              value={p.validRows}
              styles={{ content: { color: "#389e0d" } }}
              data-testid="import-valid"
            />
          </Col>
          <Col xs={8}>
            <Statistic
              title={t("imports.rejectedRows")}
              value={p.rejectedRows}
              styles={{ content: { color: p.rejectedRows ? "#cf1322" : undefined } }}
              data-testid="import-rejected"
            />
          </Col>
        </Row>
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t("imports.willDo", {
            inserts: p.inserts,
            updates: p.updates,
            buildings: p.creates.buildings,
            units: p.creates.units,
            households: p.creates.households,
          })}
        </Typography.Paragraph>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
          <Button
            type="primary"
            size="large"
            icon={<CheckOutlined />}
            disabled={cannotCommit}
            onClick={() => props.onCommit(mapping)}
            data-testid="import-commit"
          >
            {t("imports.commit", { count: p.validRows })}
          </Button>
          <Popconfirm
            title={t("imports.discardConfirm")}
            okText={t("imports.discard")}
            cancelText={t("common.cancel")}
            onConfirm={props.onDiscard}
          >
            <Button size="large" icon={<CloseOutlined />} data-testid="import-discard">
              {t("imports.discard")}
            </Button>
          </Popconfirm>
          <Button
            size="large"
            icon={<DownloadOutlined />}
            disabled={p.rejectedRows === 0}
            loading={downloading}
            onClick={() => void downloadRejected()}
            data-testid="import-download-rejected"
          >
            {t("imports.downloadRejected")}
          </Button>
          {mappingDirty && <Typography.Text type="warning">{t("imports.recheckFirst")}</Typography.Text>}
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t("imports.commitHint")}
        </Typography.Paragraph>
      </Card>

      {p.missingFields.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t("imports.missingFields", {
            fields: p.missingFields.map((f) => pickLabel(IMPORT_FIELD_LABELS[f], lang, f)).join("、"),
          })}
          description={t("imports.missingFieldsHint")}
        />
      )}

      {p.errors.length > 0 && (
        <Card size="small" title={t("imports.problemRows", { count: p.rejectedRows })}>
          {p.errors.length < p.rejectedRows && (
            <Typography.Paragraph type="secondary">
              {t("imports.errorsTruncated", { shown: p.errors.length })}
            </Typography.Paragraph>
          )}
          <ImportErrorsTable errors={p.errors} />
        </Card>
      )}

      {mappingOpen ? (
        <MappingPanel
          headers={p.headers}
          unmapped={p.unmappedHeaders}
          mapping={mapping}
          dirty={mappingDirty}
          onChange={(next) => {
            setMapping(next);
            setMappingDirty(true);
          }}
          onRecheck={() => void recheck()}
        />
      ) : (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
          <Typography.Text type="secondary">
            {ignored.length > 0
              ? t("imports.ignoredColumns", { columns: ignored.join("、") })
              : t("imports.allColumnsKnown")}
          </Typography.Text>
          <Button
            size="small"
            icon={<SettingOutlined />}
            onClick={() => setMappingOpen(true)}
            data-testid="import-open-mapping"
          >
            {t("imports.adjustMapping")}
          </Button>
        </div>
      )}
    </div>
  );
}
