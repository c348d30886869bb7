import { Button, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { OverrideAsk } from "./use-scan-actions";

/** The loud warning: going on needs a tap on 仍然登记 and a reason the record keeps. */
export function OverrideModal({
  ask,
  onConfirm,
  onCancel,
}: {
  ask: OverrideAsk | undefined;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const close = () => {
    setReason("");
    onCancel();
  };
  return (
    <Modal
      open={!!ask}
      title={
        <span style={{ color: "#cf1322", fontSize: 22 }}>
          {ask?.what === "tube_used"
            ? t("station.override.tubeUsedTitle")
            : t("station.override.sampledTitle")}
        </span>
      }
      footer={[
        <Button key="cancel" size="large" onClick={close}>
          {t("common.cancel")}
        </Button>,
        <Button
          key="ok"
          size="large"
          type="primary"
          danger
          disabled={reason.trim() === ""}
          data-testid="override-confirm"
          onClick={() => {
            const text = reason.trim();
            setReason("");
            onConfirm(text);
          }}
        >
          {t("station.override.confirm")}
        </Button>,
      ]}
      onCancel={close}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph style={{ fontSize: 18 }}>{ask?.subject}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
        {ask?.what === "tube_used" ? t("station.override.tubeUsedHint") : t("station.override.sampledHint")}
      </Typography.Paragraph>
      <Input.TextArea
        autoFocus
        data-testid="override-reason"
        rows={2}
        maxLength={200}
        placeholder={t("station.override.reason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ fontSize: 18 }}
      />
    </Modal>
  );
}
