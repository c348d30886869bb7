import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Spin, Steps, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useSession } from "../auth/session";
import { FileDropZone } from "./file-drop-zone";
import {
  commitImport,
  discardImport,
  type ImportPreview,
  type ImportResult,
  uploadImport,
} from "./imports-api";
import { PreviewStep } from "./preview-step";
import { ResultStep } from "./result-step";
import { downloadTemplate } from "./template";

const MAX_BYTES = 64 * 1024 * 1024;

type Busy = { kind: "upload"; filename: string } | { kind: "commit" } | { kind: "preview" } | null;

/**
 * Upload → check → import. Nothing is written until the user chooses "import only the rows
 * without problems"; the rows with problems can be downloaded, fixed and imported again.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [preview, setPreview] = useState<ImportPreview>();
  const [result, setResult] = useState<ImportResult>();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string>();

  if (!can("resident.import")) return <ForbiddenResult />;

  const step = result ? 2 : preview ? 1 : 0;

  const upload = async (file: File) => {
    setError(undefined);
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setError(t("imports.wrongType"));
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(t("imports.tooLarge", { filename: file.name }));
      return;
    }
    setBusy({ kind: "upload", filename: file.name });
    try {
      setPreview(await uploadImport(file));
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === "payload_too_large"
          ? t("imports.tooLarge", { filename: file.name })
          : errorText(caught),
      );
    } finally {
      setBusy(null);
    }
  };

  const commit = async (mapping: Record<string, string>) => {
    if (!preview) return;
    setBusy({ kind: "commit" });
    setError(undefined);
    try {
      setResult(await commitImport(preview.jobId, mapping));
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    if (!preview) return;
    try {
      await discardImport(preview.jobId);
    } catch (caught) {
      // A job already gone is as good as discarded.
      if (!(caught instanceof ApiError && caught.code === "not_found")) {
        message.error(errorText(caught));
        return;
      }
    }
    message.info(t("imports.discarded"));
    restart();
  };

  const restart = () => {
    setPreview(undefined);
    setResult(undefined);
    setError(undefined);
  };

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageTitle
        title={t("imports.title")}
        extra={
          step === 0 && (
            <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="import-template">
              {t("imports.template")}
            </Button>
          )
        }
      />
      <Steps
        current={step}
        size="small"
        responsive={false}
        style={{ marginBottom: 20 }}
        items={[
          { title: t("imports.stepUpload") },
          { title: t("imports.stepPreview") },
          { title: t("imports.stepDone") },
        ]}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setError(undefined) }}
          data-testid="import-error"
        />
      )}
      <Spin spinning={busy !== null} size="large" description={busyText(busy, t)}>
        {step === 0 && (
          <Card>
            <FileDropZone
              accept=".csv,.xlsx"
              title={t("imports.dropTitle")}
              hint={t("imports.dropHint")}
              disabled={busy !== null}
              onFile={(file) => void upload(file)}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
              {t("imports.columnsHint")}
            </Typography.Paragraph>
          </Card>
        )}
        {step === 1 && preview && (
          <PreviewStep
            preview={preview}
            onPreview={setPreview}
            onBusy={(on) => setBusy(on ? { kind: "preview" } : null)}
            onError={setError}
            onCommit={(mapping) => void commit(mapping)}
            onDiscard={() => void discard()}
          />
        )}
        {step === 2 && result && preview && (
          <ResultStep result={result} preview={preview} onRestart={restart} />
        )}
      </Spin>
    </div>
  );
}

function busyText(busy: Busy, t: TFunction): string | undefined {
  if (!busy) return undefined;
  if (busy.kind === "upload") return t("imports.uploading", { filename: busy.filename });
  if (busy.kind === "commit") return t("imports.committing");
  return t("imports.checking");
}
