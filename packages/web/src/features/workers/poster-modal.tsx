import { CopyOutlined, PrinterOutlined } from "@ant-design/icons";
import { App, Button, Modal, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { QrImage } from "./qr-image";
import { joinUrl } from "./workers-api";

/** The community's sign-up link and QR code, to copy into residents' groups or print as a poster. */
export function PosterModal({ communityId, onClose }: { communityId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const url = joinUrl(communityId);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      message.success(t("workers.posterPage.copied"));
    } catch {
      message.info(url);
    }
  };
  return (
    <Modal open title={t("workers.poster")} onCancel={onClose} footer={null} width={440}>
      <Typography.Paragraph type="secondary">{t("workers.posterPage.modalHint")}</Typography.Paragraph>
      <div style={{ display: "grid", placeItems: "center", margin: "8px 0 16px" }}>
        <QrImage text={url} size="220px" alt={url} testId="poster-modal-qr" />
      </div>
      <Typography.Paragraph
        copyable={{ text: url }}
        className="mono"
        style={{ wordBreak: "break-all" }}
        data-testid="poster-link"
      >
        {url}
      </Typography.Paragraph>
      <Space>
        <Button icon={<CopyOutlined />} onClick={copy} data-testid="poster-copy">
          {t("workers.posterPage.copy")}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          href={`/print/workers/badges?poster=${communityId}`}
          target="_blank"
          data-testid="poster-print"
        >
          {t("workers.posterPage.printPoster")}
        </Button>
      </Space>
    </Modal>
  );
}
