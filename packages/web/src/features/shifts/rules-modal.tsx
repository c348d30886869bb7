import { DEFAULT_REST_RULES, type RestRules } from "@shequ/core/rest-rules";
import { App, Button, type ButtonProps, Form, InputNumber, Modal, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiGet, apiSend } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";

type Limits = Omit<RestRules, "gearZones">;
const FIELDS: { name: keyof Limits; min: number; max: number; step: number }[] = [
  { name: "maxGearHours", min: 1, max: 24, step: 0.5 },
  { name: "maxHoursPer24h", min: 1, max: 24, step: 0.5 },
  { name: "minRestPer24h", min: 0, max: 16, step: 0.5 },
  { name: "maxHoursPer7d", min: 1, max: 168, step: 1 },
  { name: "breakMinutes", min: 0, max: 240, step: 5 },
];

/** The round's rest rules: what planning checks from now on (plans made earlier stay as they are). */
export function RulesButton({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="rules-open">
        {t("shifts.rules.open")}
      </Button>
      {open && <RulesModal campaignId={campaignId} onClose={() => setOpen(false)} />}
    </>
  );
}

function RulesModal({ campaignId, onClose }: { campaignId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Limits>();
  const [saving, setSaving] = useState(false);
  const rules = useApi(
    (signal) => apiGet<RestRules>(`/shifts/rules/${campaignId}`, undefined, signal),
    [campaignId],
  );

  const save = async (values: Limits) => {
    setSaving(true);
    try {
      await apiSend("PUT", `/shifts/rules/${campaignId}`, { ...rules.data, ...values });
      message.success(t("shifts.rules.saved"));
      onClose();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("shifts.rules.title")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("shifts.rules.save")}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "rules-save" } as ButtonProps}
    >
      <p style={{ color: "#627d98" }}>{t("shifts.rules.hint")}</p>
      {!rules.data ? (
        <Spin />
      ) : (
        <Form<Limits>
          form={form}
          layout="horizontal"
          labelCol={{ span: 14 }}
          initialValues={rules.data}
          onFinish={save}
        >
          {FIELDS.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={t(`shifts.rules.${f.name}`)}
              extra={t("shifts.rules.default", { value: DEFAULT_REST_RULES[f.name] })}
              rules={[{ required: true }]}
            >
              <InputNumber min={f.min} max={f.max} step={f.step} data-testid={`rules-${f.name}`} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Modal>
  );
}
