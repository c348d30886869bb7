import { ROLE_LABELS, ROLES, type Role } from "@shequ/core/roles";
import { App, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { issueText, useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { RegionCascader } from "../regions/region-cascader";
import { createUser, type UserItem, updateUser } from "./users-api";

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionId?: string;
  password?: string;
}

export const MIN_PASSWORD_LENGTH = 8;

/** Create an account, or change its name, role and scope. */
export function UserFormModal(props: { user: UserItem | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<UserFormValues>();
  const [busy, setBusy] = useState(false);
  const creating = props.user === null;
  const role = Form.useWatch("role", form);

  const submit = async (values: UserFormValues) => {
    setBusy(true);
    try {
      const scopeRegionId = values.scopeRegionId ?? null;
      if (creating) {
        await createUser({
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          role: values.role,
          scopeRegionId,
          password: values.password ?? "",
        });
      } else if (props.user) {
        await updateUser(props.user.id, {
          displayName: values.displayName.trim(),
          role: values.role,
          scopeRegionId,
        });
      }
      message.success(t("common.saved"));
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict") {
        form.setFields([{ name: "username", errors: [t("users.usernameTaken")] }]);
      } else if (error instanceof ApiError && error.code === "validation" && error.issues.length) {
        form.setFields(
          error.issues.map((issue) => ({
            name: (issue.field.split(".").pop() ?? "") as keyof UserFormValues,
            errors: [issueText(issue, lang)],
          })),
        );
      } else {
        message.error(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={creating ? t("users.new") : t("users.editTitle", { name: props.user?.displayName })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          props.user
            ? {
                username: props.user.username,
                displayName: props.user.displayName,
                role: props.user.role,
                scopeRegionId: props.user.scope?.id,
              }
            : { role: "grid_worker" }
        }
      >
        <Form.Item
          name="username"
          label={t("users.username")}
          rules={[
            { required: true, message: t("users.usernameRequired") },
            { pattern: /^[a-zA-Z0-9._-]{3,40}$/, message: t("users.usernameRule") },
          ]}
        >
          <Input
            disabled={!creating}
            autoComplete="off"
            autoCapitalize="none"
            data-testid="user-username-input"
          />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[{ required: true, whitespace: true, message: t("users.displayNameRequired") }, { max: 50 }]}
        >
          <Input data-testid="user-displayname-input" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: pickLabel(ROLE_LABELS[r], lang) }))} />
        </Form.Item>
        <Form.Item
          name="scopeRegionId"
          label={t("users.scope")}
          extra={role === "admin" ? t("users.scopeAdminHint") : t("users.scopeHint")}
          rules={[{ required: role !== "admin", message: t("users.scopeRequired") }]}
        >
          <ScopePicker />
        </Form.Item>
        {creating && (
          <Form.Item
            name="password"
            label={t("users.initialPassword")}
            rules={[
              { required: true, message: t("users.passwordRequired") },
              { min: MIN_PASSWORD_LENGTH, message: t("users.passwordRule", { min: MIN_PASSWORD_LENGTH }) },
            ]}
            extra={t("users.passwordHint")}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password-input" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ScopePicker(props: { value?: string; onChange?: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <RegionCascader
      value={props.value}
      onChange={(id) => props.onChange?.(id)}
      placeholder={t("users.scopePlaceholder")}
      style={{ width: "100%" }}
    />
  );
}
