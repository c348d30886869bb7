import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { WORKER_IMPORT_REASON_LABELS } from "@shequ/core/worker-columns";
import { WORKER_SOURCE_LABELS, WORKER_SOURCES, type WorkerSource } from "@shequ/core/worker-schema";
import { Alert, App, Button, Modal, Select, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { downloadRejectedWorkers, importWorkers, type WorkerImportReport } from "./workers-api";

/** Upload a workforce list, see every problem row by row, then import the good rows. */
export function ImportModal(props: {
  communityId: string;
  communityName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [file, setFile] = useState<File>();
  const [source, setSource] = useState<WorkerSource>("volunteer");
  const [report, setReport] = useState<WorkerImportReport>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [downloading, setDownloading] = useState(false);

  const downloadRejected = async () => {
    if (!file) return;
    setDownloading(true);
    try {
      await downloadRejectedWorkers(file, props.communityId, source);
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setDownloading(false);
    }
  };

  const send = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await importWorkers(file, props.communityId, source, commit);
      if (commit) {
        message.success(t("workers.importing.done", { inserts: answer.inserts, updates: answer.updates }));
        props.onDone();
      } else setReport(answer);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={`${t("workers.importing.title")} · ${props.communityName}`}
      onCancel={props.onClose}
      footer={
        <Space>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            disabled={!file}
            loading={busy && !report}
            onClick={() => send(false)}
            data-testid="import-preview"
          >
            {t("workers.importing.preview")}
          </Button>
          <Button
            type="primary"
            disabled={!report || report.validRows === 0}
            loading={busy && !!report}
            onClick={() => send(true)}
            data-testid="import-commit"
          >
            {t("workers.importing.commit", { count: report?.validRows ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("workers.importing.hint")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(undefined);
            return false;
          }}
          onRemove={() => {
            setFile(undefined);
            setReport(undefined);
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="import-file">
            {t("workers.importing.choose")}
          </Button>
        </Upload>
        <span>{t("workers.importing.defaultSource")}</span>
        <Select
          value={source}
          onChange={(v) => {
            setSource(v);
            setReport(undefined);
          }}
          style={{ width: 150 }}
          options={WORKER_SOURCES.map((s) => ({ value: s, label: pickLabel(WORKER_SOURCE_LABELS[s], lang) }))}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {report && (
        <>
          <Alert
            type={report.rejectedRows ? "warning" : "success"}
            showIcon
            data-testid="import-summary"
            title={t("workers.importing.summary", {
              total: report.totalRows,
              valid: report.validRows,
              inserts: report.inserts,
              updates: report.updates,
              rejected: report.rejectedRows,
            })}
            style={{ marginBottom: 12 }}
            action={
              report.rejectedRows > 0 ? (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={downloading}
                  onClick={downloadRejected}
                  data-testid="import-download-rejected"
                >
                  {t("workers.importing.downloadRejected")}
                </Button>
              ) : undefined
            }
          />
          {report.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              dataSource={report.errors}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                { key: "row", title: t("workers.importing.row"), dataIndex: "row", width: 60 },
                { key: "column", title: t("workers.importing.column"), dataIndex: "column", width: 110 },
                {
                  key: "value",
                  title: t("workers.importing.value"),
                  dataIndex: "value",
                  width: 150,
                  ellipsis: true,
                },
                {
                  key: "message",
                  title: t("workers.importing.problem"),
                  render: (_: unknown, e) =>
                    pickLabel(
                      WORKER_IMPORT_REASON_LABELS[e.reason as keyof typeof WORKER_IMPORT_REASON_LABELS],
                      lang,
                      e.message,
                    ),
                },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
