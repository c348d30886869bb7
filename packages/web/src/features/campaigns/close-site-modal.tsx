import { App, Form, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { closeSite, type Site } from "./campaigns-api";

/**
 * Closing a point, with the question a secretary has to answer anyway: where do its people go?
 * The chosen point takes over the closing one's grids and buildings; the next re-schedule moves
 * the people not yet sampled there.
 */
export function CloseSiteModal({
  campaignId,
  site,
  others,
  draft,
  onClose,
  onClosed,
}: {
  campaignId: string;
  site: Site;
  /** The other open points of the round. */
  others: readonly Site[];
  draft: boolean;
  onClose: () => void;
  onClosed: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [moveTo, setMoveTo] = useState<string | undefined>(others.length === 1 ? others[0]?.id : undefined);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await closeSite(campaignId, site.id, moveTo);
      message.success(t("campaigns.sites.closed"));
      onClosed();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("campaigns.sites.closeTitle", { name: site.name })}
      okText={t("campaigns.sites.closeOk")}
      okButtonProps={{
        danger: true,
        loading: busy,
        ...({ "data-testid": "site-close-ok" } as Record<string, string>),
      }}
      cancelText={t("common.cancel")}
      onOk={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        {draft ? t("campaigns.sites.closeBodyDraft") : t("campaigns.sites.closeBody")}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t("campaigns.sites.moveTo")} extra={t("campaigns.sites.moveToHelp")}>
          <Select
            allowClear
            value={moveTo}
            onChange={setMoveTo}
            placeholder={t("campaigns.sites.moveToNone")}
            options={others.map((o) => ({ value: o.id, label: o.name }))}
            data-testid="site-move-to"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
