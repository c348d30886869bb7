import type { ResidentFlag } from "@shequ/core/flags";
import { App, Button, Card, Form, Input, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useSession } from "../auth/session";
import { RegionCascader } from "../regions/region-cascader";
import { ResidentFields, type ResidentFieldValues } from "./resident-fields";
import { createResident } from "./residents-api";
import { applyServerIssues, conflictingResidentId } from "./submit-errors";

interface NewResidentValues extends ResidentFieldValues {
  unitId: string;
  door: string;
}

const KNOWN_FIELDS = ["name", "idType", "idNumber", "phone", "flags", "note", "unitId", "door"] as const;

/** Registers one resident at a unit and door; the household is created when it is new. */
export function NewResidentPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<NewResidentValues>();
  const [strict, setStrict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<"idNumber" | "phone", string>>>({});
  const presetUnit = params.get("unitId") ?? undefined;

  if (!can("resident.write")) return <ForbiddenResult />;

  const submit = async (values: NewResidentValues) => {
    setBusy(true);
    try {
      const created = await createResident({
        name: values.name.trim(),
        idType: values.idType,
        idNumber: (values.idNumber ?? "").trim(),
        phone: values.phone?.trim() || undefined,
        flags: (values.flags ?? []) as ResidentFlag[],
        note: values.note?.trim() || undefined,
        unitId: values.unitId,
        door: values.door.trim(),
      });
      message.success(t("residents.created"));
      navigate(`/residents/${created.id}`);
    } catch (error) {
      const existing = conflictingResidentId(error);
      if (error instanceof ApiError && error.code === "conflict") {
        setServerErrors({ idNumber: t("residents.idNumberTaken") });
        const ask = existing ? modal.confirm : modal.warning;
        ask({
          title: t("residents.duplicateTitle"),
          content: t("residents.duplicateBody"),
          okText: existing ? t("residents.openExisting") : t("common.ok"),
          cancelText: t("residents.backToForm"),
          onOk: () => {
            if (existing) navigate(`/residents/${existing}`);
          },
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
    <div style={{ maxWidth: 720 }}>
      <PageTitle title={t("residents.newTitle")} />
      <Card>
        <Form<NewResidentValues>
          form={form}
          layout="vertical"
          initialValues={{ idType: "cn_id", unitId: presetUnit, door: params.get("door") ?? "", flags: [] }}
          onFinish={submit}
          onFinishFailed={() => setStrict(true)}
          onValuesChange={(changed: Partial<NewResidentValues>) => {
            if ("idNumber" in changed || "phone" in changed || "idType" in changed) setServerErrors({});
          }}
          scrollToFirstError
        >
          <Form.Item
            name="unitId"
            label={t("residents.unit")}
            rules={[{ required: true, message: t("residents.unitRequired") }]}
            extra={t("residents.unitHint")}
          >
            <UnitPicker />
          </Form.Item>
          <Form.Item
            name="door"
            label={t("residents.door")}
            rules={[{ required: true, whitespace: true, message: t("residents.doorRequired") }, { max: 30 }]}
          >
            <Input
              placeholder={t("residents.doorPlaceholder")}
              style={{ maxWidth: 240 }}
              data-testid="resident-door-input"
            />
          </Form.Item>
          <ResidentFields form={form} strict={strict} editing={false} serverErrors={serverErrors} />
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="resident-save">
              {t("residents.register")}
            </Button>
            <Link to="/residents">
              <Button>{t("common.cancel")}</Button>
            </Link>
          </Space>
        </Form>
      </Card>
    </div>
  );
}

/** Form control wrapper: Form.Item passes value and onChange. */
function UnitPicker(props: { value?: string; onChange?: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <RegionCascader
      value={props.value}
      leafLevel="unit"
      placeholder={t("residents.unitPlaceholder")}
      onChange={(id) => props.onChange?.(id)}
      style={{ width: "100%" }}
      testId="resident-unit-input"
    />
  );
}
