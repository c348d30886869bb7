import { checkMobile, phoneReasonMessage } from "@shequ/core/phone";
import { Alert, type ButtonProps, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";

interface Values {
  courier: string;
  phone?: string;
}

/** The courier's name and phone, asked when a sealed box leaves the point. */
export function HandOverModal({
  open,
  box,
  tubes,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  box: string;
  tubes: number;
  onCancel: () => void;
  onConfirm: (courier: string, phone?: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const submit = async (values: Values) => {
    setSaving(true);
    setFailure(undefined);
    try {
      await onConfirm(values.courier.trim(), values.phone?.trim() || undefined);
      form.resetFields();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("boxes.handOverTitle", { box, count: tubes })}
      okText={t("boxes.handOverOk")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      okButtonProps={{ size: "large", "data-testid": "handover-confirm" } as ButtonProps}
      cancelButtonProps={{ size: "large" }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("boxes.handOverHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" size="large" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="courier"
          label={t("boxes.courierName")}
          rules={[{ required: true, whitespace: true, message: t("boxes.courierRequired") }]}
        >
          <Input data-testid="handover-courier" maxLength={50} autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("boxes.courierPhone")}
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value?.trim()) return;
                const check = checkMobile(value);
                if (!check.ok) throw new Error(phoneReasonMessage(check.reason, lang));
              },
            },
          ]}
        >
          <Input data-testid="handover-phone" inputMode="tel" maxLength={20} autoComplete="off" />
        </Form.Item>
      </Form>
      {failure !== undefined && <Alert type="error" showIcon title={errorText(failure)} />}
    </Modal>
  );
}
