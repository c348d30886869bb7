import { DownloadOutlined } from "@ant-design/icons";
import type { MissingView } from "@shequ/core/missing-schema";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useSession } from "../auth/session";
import { downloadMissing } from "./missing-api";

/**
 * The grid's list as a spreadsheet (masked); roles that may also get a full one, after saying
 * they understand it holds personal data. The server audits both.
 */
export function ExportButtons(props: {
  campaignId: string;
  gridId: string;
  view: MissingView;
  q: string | undefined;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const download = async (unmasked: boolean) => {
    setBusy(true);
    const hide = message.loading(t("missing.exporting"), 0);
    try {
      await downloadMissing(props.campaignId, {
        gridId: props.gridId,
        view: props.view,
        q: props.q,
        unmasked,
      });
    } catch (error) {
      message.error(errorText(error));
    } finally {
      hide();
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void download(false)}
        data-testid="missing-export"
      >
        {t("missing.export")}
      </Button>
      {can("resident.export_unmasked") && (
        <Button
          disabled={busy}
          onClick={() =>
            modal.confirm({
              title: t("missing.exportUnmaskedTitle"),
              content: t("missing.exportUnmaskedBody"),
              okText: t("missing.exportUnmasked"),
              cancelText: t("common.cancel"),
              okButtonProps: { "data-testid": "missing-export-unmasked-ok" } as Record<string, string>,
              onOk: () => download(true),
            })
          }
          data-testid="missing-export-unmasked"
        >
          {t("missing.exportUnmasked")}
        </Button>
      )}
    </>
  );
}
