import { type ButtonProps, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Ticking 已管控 asks for an optional note (what was agreed with the household), so the next
 * shift knows; the note is the task's, never written to the audit log.
 */
export function ControlModal(props: {
  address: string;
  initialNote: string | null;
  saving: boolean;
  onOk: (note: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState(props.initialNote ?? "");
  return (
    <Modal
      open
      title={`${t("recalls.controlTitle")} · ${props.address}`}
      okText={t("recalls.controlConfirm")}
      cancelText={t("common.cancel")}
      confirmLoading={props.saving}
      onOk={() => props.onOk(note.trim())}
      onCancel={props.onCancel}
      okButtonProps={{ "data-testid": "recall-control-ok" } as ButtonProps}
      destroyOnHidden
    >
      <div style={{ marginBottom: 6 }}>{t("recalls.controlNote")}</div>
      <Input.TextArea
        autoFocus
        value={note}
        maxLength={200}
        showCount
        rows={3}
        placeholder={t("recalls.controlNotePlaceholder")}
        onChange={(event) => setNote(event.target.value)}
        data-testid="recall-control-note"
      />
    </Modal>
  );
}
