import { CheckCircleOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, type ButtonProps, Card, Popconfirm, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { FileDropZone } from "../imports/file-drop-zone";
import { BatchReport } from "./batch-report";
import { applyResultFile, type Batch, previewResults, type ResultPreview } from "./lab-api";

const MAX_BYTES = 64 * 1024 * 1024;
const FILE_REASONS = ["no_file", "bad_file", "no_header", "no_time_column", "no_lines", "too_many_lines"];

type Step =
  | { kind: "choose" }
  | { kind: "checking"; file: File }
  | { kind: "preview"; file: File; preview: ResultPreview }
  | { kind: "applying"; file: File; preview: ResultPreview }
  | { kind: "done"; batch: Batch };

/**
 * Drop a file → see what it would do, every problem line and why → apply → the batch report.
 * The file is checked on the server without writing anything; applying sends it again, so what
 * is applied is decided against the tubes as they are at that moment.
 */
export function UploadTab({ onApplied }: { onApplied: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [error, setError] = useState<string>();

  const fileError = (caught: unknown) => {
    const reason =
      caught instanceof ApiError ? (caught.details as { reason?: string } | undefined)?.reason : undefined;
    return reason && FILE_REASONS.includes(reason)
      ? t(`lab.upload.fileErrors.${reason}` as "lab.upload.fileErrors.no_file")
      : errorText(caught);
  };

  const check = async (file: File) => {
    setError(undefined);
    if (!/\.(csv|xlsx)$/i.test(file.name)) return setError(t("lab.upload.wrongType"));
    if (file.size > MAX_BYTES) return setError(t("errors.payload_too_large"));
    setStep({ kind: "checking", file });
    try {
      setStep({ kind: "preview", file, preview: await previewResults(file) });
    } catch (caught) {
      setError(fileError(caught));
      setStep({ kind: "choose" });
    }
  };

  const apply = async () => {
    if (step.kind !== "preview") return;
    setError(undefined);
    setStep({ ...step, kind: "applying" });
    try {
      const batch = await applyResultFile(step.file);
      setStep({ kind: "done", batch });
      onApplied();
    } catch (caught) {
      setError(fileError(caught));
      setStep({ ...step, kind: "preview" });
    }
  };

  const reset = () => {
    setError(undefined);
    setStep({ kind: "choose" });
  };

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 16 }}>
      {error && <Alert type="error" showIcon title={error} data-testid="lab-upload-error" />}
      {step.kind === "choose" && (
        <FileDropZone
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          title={t("lab.upload.dropTitle")}
          hint={t("lab.upload.dropHint")}
          onFile={check}
        />
      )}
      {step.kind === "checking" && (
        <Card>
          <Spin /> <span style={{ marginLeft: 8 }}>{t("lab.upload.reading", { name: step.file.name })}</span>
        </Card>
      )}
      {(step.kind === "preview" || step.kind === "applying") && (
        <PreviewCard
          preview={step.preview}
          applying={step.kind === "applying"}
          onApply={apply}
          onReset={reset}
        />
      )}
      {step.kind === "done" && (
        <Card
          size="small"
          title={
            <span data-testid="lab-done-title">
              <CheckCircleOutlined style={{ color: "#389e0d", marginRight: 8 }} />
              {t("lab.upload.doneTitle", { applied: step.batch.applied, lines: step.batch.lines })}
            </span>
          }
          extra={
            <Button type="primary" icon={<ReloadOutlined />} onClick={reset} data-testid="lab-upload-next">
              {t("lab.upload.next")}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t("lab.upload.doneHint")}</Typography.Paragraph>
          <BatchReport counts={step.batch} report={step.batch.report} batchId={step.batch.id} />
        </Card>
      )}
    </div>
  );
}

function PreviewCard(props: {
  preview: ResultPreview;
  applying: boolean;
  onApply: () => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const p = props.preview;
  const problems = p.lines - p.applied;
  return (
    <Card
      size="small"
      title={
        <span data-testid="lab-preview-title">{t("lab.upload.previewTitle", { name: p.fileName })}</span>
      }
    >
      <Typography.Paragraph type="secondary">{t("lab.upload.previewHint")}</Typography.Paragraph>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 16 }}>
        {p.applied === 0 ? (
          <Button type="primary" size="large" disabled data-testid="lab-apply">
            {t("lab.upload.applyNone")}
          </Button>
        ) : problems === 0 ? (
          <Button
            type="primary"
            size="large"
            loading={props.applying}
            onClick={props.onApply}
            data-testid="lab-apply"
          >
            {t("lab.upload.apply", { count: p.applied })}
          </Button>
        ) : (
          <Popconfirm
            title={t("lab.upload.applyConfirm")}
            description={
              <div style={{ maxWidth: 320 }}>{t("lab.upload.applyConfirmHint", { count: problems })}</div>
            }
            onConfirm={props.onApply}
            okButtonProps={{ "data-testid": "lab-apply-confirm" } as ButtonProps}
          >
            <Button type="primary" size="large" loading={props.applying} data-testid="lab-apply">
              {t("lab.upload.apply", { count: p.applied })}
            </Button>
          </Popconfirm>
        )}
        <Button
          size="large"
          disabled={props.applying}
          onClick={props.onReset}
          data-testid="lab-upload-another"
        >
          {t("lab.upload.another")}
        </Button>
      </div>
      {problems === 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("lab.upload.allGood", { count: p.lines })}
        />
      )}
      <BatchReport counts={p} report={p.report} preview />
    </Card>
  );
}
