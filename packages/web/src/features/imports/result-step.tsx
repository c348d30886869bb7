import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Result } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { apiDownload } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import type { ImportPreview, ImportResult } from "./imports-api";

/** What was written, and the way back to fix the rest. */
export function ResultStep(props: { result: ImportResult; preview: ImportPreview; onRestart: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [downloading, setDownloading] = useState(false);
  const r = props.result;

  const download = async () => {
    setDownloading(true);
    try {
      await apiDownload(
        `/imports/${encodeURIComponent(props.preview.jobId)}/rejected`,
        { format: "xlsx" },
        "rejected.xlsx",
      );
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Result
      status={r.rejected > 0 ? "warning" : "success"}
      title={t("imports.doneTitle", { count: r.inserted + r.updated })}
      subTitle={t("imports.doneBody", { inserted: r.inserted, updated: r.updated, rejected: r.rejected })}
      data-testid="import-result"
      extra={[
        <Link key="residents" to="/residents">
          <Button type="primary">{t("imports.viewResidents")}</Button>
        </Link>,
        r.rejected > 0 && (
          <Button
            key="rejected"
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => void download()}
          >
            {t("imports.downloadRejected")}
          </Button>
        ),
        <Button key="again" onClick={props.onRestart}>
          {t("imports.again")}
        </Button>,
      ]}
    />
  );
}
