import type { ResidentFlag } from "@shequ/core/flags";
import { App, Button, Drawer, Form, Grid, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { ResidentFields, type ResidentFieldValues } from "./resident-fields";
import { type ResidentChanges, type ResidentDetail, updateResident } from "./residents-api";
import { applyServerIssues, conflictField } from "./submit-errors";

const KNOWN_FIELDS = ["name", "idType", "idNumber", "phone", "flags", "note"] as const;

/**
 * Edits a resident. Only changed fields are sent, with the version read, so two workers editing
 * the same person cannot silently overwrite each other: the second gets a conflict and a reload.
 */
export function EditResidentDrawer(props: {
  resident: ResidentDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<ResidentFieldValues>();
  const [strict, setStrict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<"idNumber" | "phone", string>>>({});
  const r = props.resident;

  const submit = async (values: ResidentFieldValues) => {
    const changes: ResidentChanges = {};
    if (values.name.trim() !== r.name) changes.name = values.name.trim();
    if (values.idNumber?.trim()) {
      changes.idType = values.idType;
      changes.idNumber = values.idNumber.trim();
    }
    if (values.phone?.trim()) changes.phone = values.phone.trim();
    const flags = (values.flags ?? []) as ResidentFlag[];
    if (flags.join(",") !== r.flags.join(",")) changes.flags = flags;
    const note = values.note?.trim() || null;
    if (note !== (r.note || null)) changes.note = note;
    if (Object.keys(changes).length === 0) {
      props.onClose();
      return;
    }
    setBusy(true);
    try {
      await updateResident(r.id, r.version, changes);
      message.success(t("common.saved"));
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict" && conflictField(error) === "idNumber") {
        setServerErrors({ idNumber: t("residents.idNumberTaken") });
        return;
      }
      if (error instanceof ApiError && error.code === "conflict") {
        modal.warning({
          title: t("residents.editConflictTitle"),
          content: t("residents.editConflictBody"),
          onOk: props.onSaved,
        });
        return;
      }
      const special = applyServerIssues(error, form, lang, KNOWN_FIELDS);
      if (special) setServerErrors(special);
      else message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      title={t("residents.editTitle", { name: r.name })}
      size={screens.md ? 520 : "100%"}
      onClose={props.onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="resident-save">
            {t("common.save")}
          </Button>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
        </Space>
      }
    >
      <Form<ResidentFieldValues>
        form={form}
        layout="vertical"
        initialValues={{ name: r.name, idType: r.idType, flags: r.flags, note: r.note ?? "" }}
        onFinish={submit}
        onFinishFailed={() => setStrict(true)}
        onValuesChange={(changed: Partial<ResidentFieldValues>) => {
          if ("idNumber" in changed || "phone" in changed || "idType" in changed) setServerErrors({});
        }}
      >
        <ResidentFields
          form={form}
          strict={strict}
          editing
          originalIdType={r.idType}
          serverErrors={serverErrors}
        />
      </Form>
    </Drawer>
  );
}
