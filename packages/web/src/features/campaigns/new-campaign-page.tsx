import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { createCampaign, fetchCampaigns } from "./campaigns-api";
import { placeFieldIssues } from "./form-issues";
import { PoolAdvicePanel } from "./pool-advice-panel";
import { RegionTreeSelect } from "./region-tree-select";
import { formatShort, fromPickerValue, inShanghai, PICKER_FORMAT } from "./shanghai-time";

interface Values {
  name: string;
  regionIds: string[];
  startsAt: Dayjs;
  deadlineAt: Dayjs;
  poolSize: 5 | 10 | 20;
  slotMinutes: number;
  headroomPercent: number;
  homeRunSize: number;
  copySitesFrom?: string;
}

const FIELDS = ["name", "regionIds", "startsAt", "deadlineAt", "poolSize", "slotMinutes", "homeRunSize"];

/** The next whole hour on the Beijing clock; at night, 08:00 the next morning. */
function defaultStart(): Dayjs {
  const next = inShanghai(new Date().toISOString()).add(1, "hour").startOf("hour");
  const start = next.hour() >= 22 ? next.add(1, "day").hour(8) : next.hour() < 6 ? next.hour(8) : next;
  return dayjs(start.format("YYYY-MM-DDTHH:mm:ss"));
}

/** A subdistrict officer opens a round: scope, start and deadline, pooling and slot settings. */
export function NewCampaignPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [deadlineTouched, setDeadlineTouched] = useState(false);
  const past = useApi((signal) => fetchCampaigns(signal), []);
  // The last round's positive pools suggest a pool size: the default until the officer picks one.
  const setDefaultPoolSize = useCallback(
    (size: 5 | 10 | 20) => {
      if (!form.isFieldTouched("poolSize")) form.setFieldValue("poolSize", size);
    },
    [form],
  );

  if (!can("campaign.manage")) return <ForbiddenResult />;

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const created = await createCampaign({
        name: values.name.trim(),
        regionIds: values.regionIds,
        startsAt: fromPickerValue(values.startsAt),
        deadlineAt: fromPickerValue(values.deadlineAt),
        poolSize: values.poolSize,
        slotMinutes: values.slotMinutes,
        headroom: values.headroomPercent / 100,
        homeRunSize: values.homeRunSize,
        ...(values.copySitesFrom ? { copySitesFrom: values.copySitesFrom } : {}),
      });
      message.success(t("campaigns.form.created"));
      navigate(`/campaigns/${created.id}`);
    } catch (error) {
      if (!placeFieldIssues(form, error, FIELDS)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const start = defaultStart();
  return (
    <>
      <PageTitle title={t("campaigns.form.title")} sub={t("campaigns.form.timezoneHint")} />
      <Card style={{ maxWidth: 880 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            startsAt: start,
            deadlineAt: start.add(48, "hour"),
            poolSize: 10,
            slotMinutes: 60,
            headroomPercent: 10,
            homeRunSize: 12,
            regionIds: [],
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.deadlineAt) setDeadlineTouched(true);
            if (changed.startsAt && !deadlineTouched) {
              form.setFieldValue("deadlineAt", changed.startsAt.add(48, "hour"));
            }
          }}
        >
          <Form.Item
            name="name"
            label={t("campaigns.name")}
            rules={[
              { required: true, whitespace: true, message: t("campaigns.form.nameRequired") },
              { max: 100 },
            ]}
          >
            <Input placeholder={t("campaigns.form.namePlaceholder")} data-testid="campaign-name" autoFocus />
          </Form.Item>
          <Form.Item
            name="regionIds"
            label={t("campaigns.form.regions")}
            extra={t("campaigns.form.regionsHint")}
            rules={[{ required: true, type: "array", min: 1, message: t("campaigns.form.regionsRequired") }]}
          >
            <RegionTreeSelect deepest="grid" testId="campaign-regions" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="startsAt"
                label={t("campaigns.startsAt")}
                rules={[{ required: true, message: t("campaigns.form.startRequired") }]}
              >
                <DatePicker
                  showTime={{ format: "HH:mm", minuteStep: 5 }}
                  format={PICKER_FORMAT}
                  style={{ width: "100%" }}
                  data-testid="campaign-starts-at"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="deadlineAt"
                label={t("campaigns.deadlineAt")}
                extra={t("campaigns.form.deadlineHint")}
                dependencies={["startsAt"]}
                rules={[
                  { required: true, message: t("campaigns.form.deadlineRequired") },
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | undefined) => {
                      const from = getFieldValue("startsAt") as Dayjs | undefined;
                      return !value || !from || value.isAfter(from)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("campaigns.form.deadlineBeforeStart")));
                    },
                  }),
                ]}
              >
                <DatePicker
                  showTime={{ format: "HH:mm", minuteStep: 5 }}
                  format={PICKER_FORMAT}
                  style={{ width: "100%" }}
                  data-testid="campaign-deadline-at"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="poolSize" label={t("campaigns.poolSize")}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[5, 10, 20].map((n) => ({ value: n, label: t("campaigns.poolOption", { count: n }) }))}
            />
          </Form.Item>
          <PoolAdvicePanel
            onPick={(poolSize) => form.setFieldValue("poolSize", poolSize)}
            onDefault={setDefaultPoolSize}
          />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="slotMinutes"
                label={t("campaigns.slotMinutes")}
                extra={t("campaigns.form.slotHint")}
              >
                <Select
                  options={[30, 60, 90, 120].map((m) => ({
                    value: m,
                    label: t("campaigns.minutes", { count: m }),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="headroomPercent"
                label={t("campaigns.headroom")}
                extra={t("campaigns.form.headroomHint")}
              >
                <InputNumber min={0} max={90} suffix="%" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="homeRunSize"
                label={t("campaigns.homeRunSize")}
                extra={t("campaigns.form.homeRunHint")}
              >
                <InputNumber min={1} max={200} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="copySitesFrom"
            label={t("campaigns.form.copyFrom")}
            extra={t("campaigns.form.copyFromHint")}
          >
            <Select
              allowClear
              placeholder={t("campaigns.form.copyNone")}
              loading={past.loading}
              data-testid="campaign-copy-from"
              options={(past.data?.items ?? [])
                .filter((c) => c.sites > 0)
                .map((c) => ({
                  value: c.id,
                  label: `${c.name}（${formatShort(c.startsAt, lang)} · ${t("campaigns.siteCount", { count: c.sites })}）`,
                }))}
            />
          </Form.Item>
          <div style={{ display: "flex", gap: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="campaign-create">
              {t("campaigns.form.create")}
            </Button>
            <Button onClick={() => navigate("/campaigns")}>{t("common.cancel")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
