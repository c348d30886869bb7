import { App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { MIN_PASSWORD_LENGTH } from "./user-form-modal";
import { resetPassword, type UserItem } from "./users-api";

/** Sets a new password for someone who forgot theirs; typed twice so a typo does not lock them out. */
export function PasswordModal(props: { user: UserItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      await resetPassword(props.user.id, password);
      message.success(t("users.passwordReset"));
      props.onClose();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t("users.resetPasswordTitle", { name: props.user.displayName })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="password"
          label={t("users.newPassword")}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            { min: MIN_PASSWORD_LENGTH, message: t("users.passwordRule", { min: MIN_PASSWORD_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t("users.repeatPassword")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue("password"))
                  throw new Error(t("users.passwordMismatch"));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
