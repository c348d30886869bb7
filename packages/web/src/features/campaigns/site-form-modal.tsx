import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { addSite, type Campaign, type Site, type SiteInput, updateSite } from "./campaigns-api";
import { placeFieldIssues } from "./form-issues";
import { RegionTreeSelect } from "./region-tree-select";
import { fromPickerValue, PICKER_FORMAT, toPickerValue } from "./shanghai-time";

interface Values {
  name: string;
  address: string;
  lanes: number;
  perLanePerHour: number;
  zones: string[];
  windows: { range: [Dayjs, Dayjs] }[];
  regionIds: string[];
}

const FIELDS = ["name", "address", "lanes", "perLanePerHour", "zones", "windows", "regionIds"];
const ZONE_KEYS = ["triage", "temperature", "registration", "queue", "sampling"] as const;

/** Adds a collection point to a round or edits one: lanes, rate, opening windows, who it serves. */
export function SiteFormModal(props: {
  campaign: Campaign;
  site?: Site;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { campaign, site } = props;
  // Known zones are stored by key (staffing will match on them); anything typed is kept as written.
  const zoneOptions = ZONE_KEYS.map((k) => ({ value: k, label: t(`campaigns.sites.zoneNames.${k}`) }));
  const lanes = Form.useWatch("lanes", form) ?? 0;
  const rate = Form.useWatch("perLanePerHour", form) ?? 0;

  const firstWindowEnd = toPickerValue(campaign.startsAt).add(14, "hour");
  const deadline = toPickerValue(campaign.deadlineAt);
  const initial: Values = site
    ? {
        name: site.name,
        address: site.address,
        lanes: site.lanes,
        perLanePerHour: site.perLanePerHour,
        zones: site.zones,
        windows: site.windows.map((w) => ({ range: [toPickerValue(w.startsAt), toPickerValue(w.endsAt)] })),
        regionIds: site.regionIds,
      }
    : {
        name: "",
        address: "",
        lanes: 4,
        perLanePerHour: 75,
        zones: [...ZONE_KEYS],
        windows: [
          {
            range: [
              toPickerValue(campaign.startsAt),
              firstWindowEnd.isAfter(deadline) ? deadline : firstWindowEnd,
            ],
          },
        ],
        regionIds: campaign.regionIds.length === 1 ? campaign.regionIds : [],
      };

  const submit = async (values: Values) => {
    const input: SiteInput = {
      name: values.name.trim(),
      address: values.address.trim(),
      lanes: values.lanes,
      perLanePerHour: values.perLanePerHour,
      zones: values.zones,
      windows: values.windows.map((w) => ({
        startsAt: fromPickerValue(w.range[0]),
        endsAt: fromPickerValue(w.range[1]),
      })),
      regionIds: values.regionIds,
    };
    setBusy(true);
    try {
      if (site) await updateSite(campaign.id, site.id, input);
      else await addSite(campaign.id, input);
      message.success(t("common.saved"));
      props.onDone();
    } catch (error) {
      if (!placeFieldIssues(form, error, FIELDS)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={site ? t("campaigns.sites.editTitle", { name: site.name }) : t("campaigns.sites.add")}
      onCancel={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="site-save">
            {t("common.save")}
          </Button>
        </>
      }
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item
              name="name"
              label={t("campaigns.sites.name")}
              rules={[
                { required: true, whitespace: true, message: t("campaigns.sites.nameRequired") },
                { max: 100 },
              ]}
            >
              <Input placeholder={t("campaigns.sites.namePlaceholder")} data-testid="site-name" autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="address" label={t("campaigns.sites.address")} rules={[{ max: 200 }]}>
              <Input placeholder={t("campaigns.sites.addressPlaceholder")} data-testid="site-address" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item
              name="lanes"
              label={t("campaigns.sites.lanes")}
              rules={[{ required: true, message: t("campaigns.sites.lanesRequired") }]}
            >
              <InputNumber min={1} max={200} style={{ width: "100%" }} data-testid="site-lanes" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="perLanePerHour"
              label={t("campaigns.sites.perLanePerHour")}
              rules={[{ required: true, message: t("campaigns.sites.rateRequired") }]}
            >
              <InputNumber
                min={1}
                max={1000}
                style={{ width: "100%" }}
                suffix={t("campaigns.sites.perHourSuffix")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t("campaigns.sites.hourly")}>
              <div style={{ fontSize: 18, fontWeight: 600, lineHeight: "32px" }}>
                {t("campaigns.sites.peoplePerHour", { count: lanes * rate })}
              </div>
            </Form.Item>
          </Col>
        </Row>
        <div style={{ color: "#5b6b7f", fontSize: 13, marginTop: -12, marginBottom: 12 }}>
          {t("campaigns.sites.rateHint")}
        </div>
        <Form.Item label={t("campaigns.sites.windows")} extra={t("campaigns.sites.windowsHint")} required>
          <Form.List
            name="windows"
            rules={[
              {
                validator: async (_, windows: unknown[] | undefined) => {
                  if (!windows?.length) throw new Error(t("campaigns.sites.windowsRequired"));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: "flex", marginBottom: 4 }}>
                    <Form.Item
                      name={[field.name, "range"]}
                      style={{ marginBottom: 8 }}
                      rules={[
                        { required: true, message: t("campaigns.sites.windowRequired") },
                        {
                          validator: async (_, range: [Dayjs, Dayjs] | undefined) => {
                            if (range && !range[1].isAfter(range[0])) {
                              throw new Error(t("campaigns.sites.windowEndBeforeStart"));
                            }
                          },
                        },
                      ]}
                    >
                      <DatePicker.RangePicker
                        showTime={{ format: "HH:mm", minuteStep: 15 }}
                        format={PICKER_FORMAT}
                        data-testid="site-window"
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined
                        aria-label={t("campaigns.sites.windowRemove")}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const list = (form.getFieldValue("windows") as Values["windows"] | undefined) ?? [];
                    const last = list.at(-1)?.range;
                    add(last ? { range: [last[1].add(2, "hour"), last[1].add(8, "hour")] } : undefined);
                  }}
                >
                  {t("campaigns.sites.windowAdd")}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="regionIds"
          label={t("campaigns.sites.servedRegions")}
          extra={t("campaigns.sites.servedRegionsHint")}
          rules={[{ required: true, type: "array", min: 1, message: t("campaigns.sites.regionsRequired") }]}
        >
          <RegionTreeSelect deepest="building" rootIds={campaign.regionIds} testId="site-regions" />
        </Form.Item>
        <Form.Item name="zones" label={t("campaigns.sites.zones")} extra={t("campaigns.sites.zonesHint")}>
          <Select mode="tags" options={zoneOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
