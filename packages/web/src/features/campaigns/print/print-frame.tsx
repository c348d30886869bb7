import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../app/api-client";
import { useErrorText } from "../../../app/error-text";
import "./print.css";

/**
 * The frame around printable sheets: a toolbar on screen (print, back to the round) that
 * disappears in print preview, and the loading and error states.
 */
export function PrintFrame(props: {
  campaignId: string;
  tab: string;
  loading: boolean;
  error: ApiError | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="print-root">
      <div className="print-toolbar">
        <Button icon={<ArrowLeftOutlined />} href={`/campaigns/${props.campaignId}?tab=${props.tab}`}>
          {t("campaigns.print.back")}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={props.loading || !!props.error}
          onClick={() => window.print()}
          data-testid="print-button"
        >
          {t("campaigns.print.print")}
        </Button>
        {props.hint && <span className="print-hint">{props.hint}</span>}
      </div>
      {props.error ? (
        props.error.code === "not_found" ? (
          <Result status="404" title={t("campaigns.print.notFound")} />
        ) : (
          <Alert
            type="error"
            showIcon
            title={errorText(props.error)}
            style={{ maxWidth: 600, margin: "0 auto" }}
          />
        )
      ) : props.loading ? (
        <div style={{ display: "grid", placeItems: "center", minHeight: "50vh" }}>
          <Spin size="large" />
        </div>
      ) : (
        props.children
      )}
    </div>
  );
}
