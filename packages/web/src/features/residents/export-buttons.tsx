import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useSession } from "../auth/session";
import type { ResidentFilterValues } from "./resident-filters";

type Format = "xlsx" | "csv";

/**
 * Exports the residents the list currently shows. Files are masked unless the user has the
 * permission, ticks the box and confirms; the server audits unmasked exports.
 */
export function ExportButtons({ filters }: { filters: ResidentFilterValues }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [unmasked, setUnmasked] = useState(false);
  const [busy, setBusy] = useState(false);

  const download = async (format: Format) => {
    setBusy(true);
    const hide = message.loading(t("residents.exporting"), 0);
    try {
      await apiDownload(
        "/imports/export/residents",
        {
          format,
          regionId: filters.regionId,
          q: filters.q.trim(),
          flags: filters.flags.join(","),
          unmasked: unmasked || undefined,
        },
        `residents.${format}`,
      );
    } catch (error) {
      message.error(errorText(error));
    } finally {
      hide();
      setBusy(false);
    }
  };

  const start = (format: Format) => {
    if (!unmasked) {
      void download(format);
      return;
    }
    modal.confirm({
      title: t("residents.exportUnmaskedTitle"),
      content: t("residents.exportUnmaskedBody"),
      okText: t("residents.exportUnmaskedOk"),
      cancelText: t("common.cancel"),
      onOk: () => download(format),
    });
  };

  return (
    <>
      {can("resident.export_unmasked") && (
        <Checkbox
          checked={unmasked}
          onChange={(event) => setUnmasked(event.target.checked)}
          data-testid="export-unmasked"
          style={{ alignSelf: "center" }}
        >
          {t("residents.exportUnmasked")}
        </Checkbox>
      )}
      <Space.Compact>
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          onClick={() => start("xlsx")}
          data-testid="resident-export-xlsx"
        >
          {t("residents.exportXlsx")}
        </Button>
        <Button disabled={busy} onClick={() => start("csv")} data-testid="resident-export-csv">
          CSV
        </Button>
      </Space.Compact>
    </>
  );
}
