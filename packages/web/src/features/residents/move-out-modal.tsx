import { App, type ButtonProps, DatePicker, Form, Input, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { moveOutResident, type ResidentDetail } from "./residents-api";

/** Marks a resident as moved out (kept on record, hidden from the default list); asks first. */
export function MoveOutModal(props: { resident: ResidentDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ date: Dayjs; reason?: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { date: Dayjs; reason?: string }) => {
    setBusy(true);
    try {
      await moveOutResident(props.resident.id, {
        date: values.date.format("YYYY-MM-DD"),
        reason: values.reason?.trim() || undefined,
      });
      message.success(t("residents.movedOut"));
      props.onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("residents.moveOutTitle", { name: props.resident.name })}
      okText={t("residents.moveOutConfirm")}
      okButtonProps={{ danger: true, "data-testid": "move-out-confirm" } as ButtonProps}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph type="secondary">{t("residents.moveOutHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={submit}>
        <Form.Item name="date" label={t("residents.moveOutDate")} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label={t("residents.moveOutReason")} rules={[{ max: 200 }]}>
          <Input placeholder={t("residents.moveOutReasonPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
