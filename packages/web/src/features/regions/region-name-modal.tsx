import { childLevel, REGION_LEVEL_LABELS } from "@shequ/core/regions";
import { App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { createRegion, type RegionDetail, renameRegion } from "./regions-api";

/** Adds a place one level down, or renames this one; both only need a name. */
export function RegionNameModal(props: {
  mode: "add" | "rename";
  region: RegionDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const below = childLevel(props.region.level);
  const belowLabel = below ? pickLabel(REGION_LEVEL_LABELS[below], lang) : "";
  const adding = props.mode === "add";

  const submit = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      if (adding && below) await createRegion({ parentId: props.region.id, level: below, name: name.trim() });
      else await renameRegion(props.region.id, name.trim());
      message.success(t("common.saved"));
      props.onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict") {
        form.setFields([{ name: "name", errors: [t("regions.nameTaken")] }]);
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
      title={
        adding
          ? t("regions.addChildTitle", { level: belowLabel, parent: props.region.name })
          : t("regions.rename")
      }
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: adding ? "" : props.region.name }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t("regions.name")}
          rules={[{ required: true, whitespace: true, message: t("regions.nameRequired") }, { max: 100 }]}
          extra={adding ? t(`regions.nameHint.${below ?? "unit"}`) : undefined}
        >
          <Input autoFocus data-testid="region-name-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
