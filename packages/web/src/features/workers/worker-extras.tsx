import { EyeOutlined, IdcardOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Descriptions, Form, List, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { formatShort, fromPickerValue } from "../campaigns/shanghai-time";
import { RegionCascader } from "../regions/region-cascader";
import { WorkerStatusTag } from "./worker-tags";
import { endLoan, lendWorker, revealWorker, type WorkerDetail } from "./workers-api";

/** Above the edit form: status and badge, phones with an audited Show, and the person's loans. */
export function WorkerExtras({
  worker,
  onChanged,
}: {
  worker: WorkerDetail;
  onChanged: (w: WorkerDetail) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [phones, setPhones] = useState<{ phone?: string; emergencyPhone?: string | null }>();
  const [lending, setLending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ toCommunityId: string; period: [Dayjs, Dayjs] }>();

  const reveal = async () => {
    try {
      setPhones(await revealWorker(worker.id, ["phone", "emergencyPhone"]));
      message.info(t("workers.revealLogged"), 4);
    } catch (error) {
      message.error(errorText(error));
    }
  };

  const lend = async (values: { toCommunityId: string; period: [Dayjs, Dayjs] }) => {
    setBusy(true);
    try {
      const saved = await lendWorker(worker.id, {
        toCommunityId: values.toCommunityId,
        startsAt: fromPickerValue(values.period[0]),
        endsAt: fromPickerValue(values.period[1]),
      });
      message.success(t("workers.loans.saved"));
      setLending(false);
      form.resetFields();
      onChanged(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === "conflict") message.error(t("workers.loans.overlap"));
      else message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const end = async (loanId: string) => {
    try {
      onChanged(await endLoan(worker.id, loanId));
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <div style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("workers.badge")}>
          <Space>
            <span className="mono" style={{ fontSize: 18, fontWeight: 600 }} data-testid="worker-badge-no">
              {worker.badgeNo ?? t("workers.noBadge")}
            </span>
            <WorkerStatusTag status={worker.status} />
            {worker.badgeNo && worker.status === "approved" && (
              <Button
                size="small"
                icon={<IdcardOutlined />}
                href={`/print/workers/badges?ids=${worker.id}`}
                target="_blank"
                data-testid="worker-print-badge"
              >
                {t("workers.printBadges")}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("workers.phone")}>
          <Space>
            <span className="mono">{phones?.phone ?? worker.phoneMasked}</span>
            {worker.emergencyPhoneMasked && (
              <Typography.Text type="secondary">
                {t("workers.emergencyPhone")}:{" "}
                <span className="mono">{phones ? phones.emergencyPhone : worker.emergencyPhoneMasked}</span>
              </Typography.Text>
            )}
            {!phones && (
              <Button
                size="small"
                type="link"
                icon={<EyeOutlined />}
                onClick={reveal}
                data-testid="worker-reveal"
              >
                {t("workers.reveal")}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("workers.loans.title")}>
          {worker.loans.length === 0 && !lending && (
            <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
              {t("workers.loans.none")}
            </Typography.Text>
          )}
          {worker.loans.length > 0 && (
            <List
              size="small"
              dataSource={worker.loans}
              renderItem={(l) => (
                <List.Item
                  style={{ padding: "4px 0" }}
                  actions={[
                    <Button
                      key="end"
                      size="small"
                      type="link"
                      danger
                      onClick={() => end(l.id)}
                      data-testid="loan-end"
                    >
                      {t("workers.loans.end")}
                    </Button>,
                  ]}
                >
                  {l.toCommunityName} · {formatShort(l.startsAt, lang)} – {formatShort(l.endsAt, lang)}
                </List.Item>
              )}
            />
          )}
          {lending ? (
            <Form form={form} layout="vertical" size="small" onFinish={lend} style={{ marginTop: 8 }}>
              <Form.Item
                name="toCommunityId"
                label={t("workers.loans.to")}
                rules={[{ required: true, message: t("workers.form.communityRequired") }]}
              >
                <RegionCascader
                  leafLevel="community"
                  onChange={(id) => form.setFieldValue("toCommunityId", id)}
                  testId="loan-community"
                />
              </Form.Item>
              <Form.Item
                name="period"
                label={t("workers.loans.period")}
                rules={[{ required: true, message: t("workers.loans.periodRequired") }]}
              >
                <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="loan-save">
                  {t("common.save")}
                </Button>
                <Button onClick={() => setLending(false)}>{t("common.cancel")}</Button>
              </Space>
            </Form>
          ) : (
            <Button
              size="small"
              style={{ marginTop: 4 }}
              onClick={() => setLending(true)}
              data-testid="loan-add"
            >
              {t("workers.loans.add")}
            </Button>
          )}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
