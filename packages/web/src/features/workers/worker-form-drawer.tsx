import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { QUALIFICATION_LABELS, QUALIFICATIONS } from "@shequ/core/work-zones";
import { WORKER_SOURCE_LABELS, WORKER_SOURCES, type WorkerSource } from "@shequ/core/worker-schema";
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { issueText, useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { fromPickerValue, toPickerValue } from "../campaigns/shanghai-time";
import { WorkerExtras } from "./worker-extras";
import { createWorker, updateWorker, type WorkerDetail } from "./workers-api";

interface FormValues {
  name: string;
  phone?: string;
  source: WorkerSource;
  sourceOrg?: string;
  sourceCity?: string;
  qualifications: string[];
  availability: { range?: [Dayjs, Dayjs] }[];
  emergencyContact?: string;
  emergencyPhone?: string;
  hideName: boolean;
  note?: string;
  pending?: boolean;
}

/** Add a person to a community's workforce, or edit one (with their phone, badge and loans). */
export function WorkerFormDrawer(props: {
  worker: WorkerDetail | null;
  communityId: string | undefined;
  communityName?: string;
  onClose: () => void;
  onSaved: (worker: WorkerDetail) => void;
  onOpen: (workerId: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState<string>();
  const w = props.worker;

  const initial: Partial<FormValues> = w
    ? {
        name: w.name,
        source: w.source,
        sourceOrg: w.sourceOrg ?? undefined,
        sourceCity: w.sourceCity ?? undefined,
        qualifications: w.qualifications,
        availability: w.availability.map((a) => ({ range: [toPickerValue(a.start), toPickerValue(a.end)] })),
        emergencyContact: w.emergencyContact ?? undefined,
        hideName: w.hideName,
        note: w.note ?? undefined,
      }
    : { source: "volunteer", qualifications: [], availability: [], hideName: false, pending: false };

  const submit = async (values: FormValues) => {
    setBusy(true);
    setTaken(undefined);
    const common = {
      name: values.name.trim(),
      source: values.source,
      sourceOrg: values.sourceOrg?.trim() || null,
      sourceCity: values.sourceCity?.trim() || null,
      qualifications: values.qualifications as (typeof QUALIFICATIONS)[number][],
      availability: (values.availability ?? [])
        .filter((a) => a.range)
        .map((a) => ({
          start: fromPickerValue(a.range?.[0] as Dayjs),
          end: fromPickerValue(a.range?.[1] as Dayjs),
        })),
      emergencyContact: values.emergencyContact?.trim() || null,
      hideName: values.hideName,
      note: values.note?.trim() || null,
      ...(values.emergencyPhone?.trim() ? { emergencyPhone: values.emergencyPhone.trim() } : {}),
    };
    try {
      const saved = w
        ? await updateWorker(w.id, { ...common, ...(values.phone?.trim() ? { phone: values.phone } : {}) })
        : await createWorker({
            ...common,
            communityId: props.communityId ?? "",
            phone: values.phone ?? "",
            status: values.pending ? "pending" : "approved",
          });
      message.success(saved.badgeNo ? t("workers.approved", { badge: saved.badgeNo }) : t("common.saved"));
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict") {
        const id = (error.details as { workerId?: string } | undefined)?.workerId;
        setTaken(id);
        form.setFields([{ name: "phone", errors: [t("workers.form.phoneTaken")] }]);
      } else if (error instanceof ApiError && error.code === "validation" && error.issues.length) {
        form.setFields(
          error.issues.map((issue) => ({
            name: (issue.field.split(".")[0] ?? "") as keyof FormValues,
            errors: [issueText(issue, lang)],
          })),
        );
      } else message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      size={560}
      title={w ? t("workers.form.editTitle", { name: w.name }) : t("workers.form.newTitle")}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="worker-save">
          {t("common.save")}
        </Button>
      }
    >
      {w && <WorkerExtras worker={w} onChanged={props.onSaved} />}
      {!w && props.communityName && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${t("workers.community")}：${props.communityName}`}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
        <Form.Item
          name="name"
          label={t("workers.name")}
          rules={[{ required: true, whitespace: true, message: t("workers.form.nameRequired") }]}
        >
          <Input maxLength={50} data-testid="worker-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("workers.phone")}
          rules={w ? [] : [{ required: true, whitespace: true, message: t("workers.join.phoneRequired") }]}
          extra={
            taken && (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => props.onOpen(taken)}>
                {t("workers.form.openExisting")}
              </Button>
            )
          }
        >
          <Input inputMode="tel" maxLength={20} placeholder={w?.phoneMasked} data-testid="worker-phone" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="source"
            label={t("workers.source")}
            style={{ width: "40%" }}
            rules={[{ required: true, message: t("workers.form.sourceRequired") }]}
          >
            <Select
              data-testid="worker-source"
              options={WORKER_SOURCES.map((s) => ({
                value: s,
                label: pickLabel(WORKER_SOURCE_LABELS[s], lang),
              }))}
            />
          </Form.Item>
          <Form.Item name="sourceOrg" label={t("workers.sourceOrg")} style={{ width: "60%" }}>
            <Input maxLength={100} data-testid="worker-org" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="sourceCity" label={t("workers.sourceCity")}>
          <Input maxLength={50} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Form.Item name="qualifications" label={t("workers.qualifications")}>
          <Checkbox.Group
            data-testid="worker-qualifications"
            options={QUALIFICATIONS.map((q) => ({
              value: q,
              label: pickLabel(QUALIFICATION_LABELS[q], lang),
            }))}
          />
        </Form.Item>
        <Form.Item label={t("workers.availability")}>
          <Form.List name="availability">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: "flex" }}>
                    <Form.Item name={[field.name, "range"]} style={{ marginBottom: 8 }}>
                      <DatePicker.RangePicker
                        showTime={{ format: "HH:mm", minuteStep: 30 }}
                        format="YYYY-MM-DD HH:mm"
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  data-testid="worker-add-window"
                >
                  {t("workers.form.addWindow")}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="emergencyContact" label={t("workers.emergencyContact")} style={{ width: "50%" }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="emergencyPhone" label={t("workers.emergencyPhone")} style={{ width: "50%" }}>
            <Input maxLength={30} placeholder={w?.emergencyPhoneMasked ?? undefined} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="hideName" valuePropName="checked" extra={t("workers.form.hideNameHelp")}>
          <Checkbox data-testid="worker-hide-name">{t("workers.hiddenName")}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t("workers.note")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {!w && (
          <Form.Item name="pending" valuePropName="checked">
            <Checkbox data-testid="worker-pending">{t("workers.form.pendingToo")}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
