import { CalendarOutlined, FlagOutlined, PlayCircleOutlined, ReloadOutlined } from "@ant-design/icons";
import { App, Button, Popconfirm, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useSession } from "../auth/session";
import {
  type CampaignSchedule,
  type CampaignStatus,
  changeCampaignStatus,
  type ScheduleResult,
  scheduleCampaign,
} from "./campaigns-api";

/**
 * The round's next step as one obvious button (排班 → 开始采样 → 结束本轮), with 重新排班
 * beside it once a plan exists. Only roles that manage rounds see them.
 */
export function CampaignActions(props: {
  schedule: CampaignSchedule;
  onScheduled: (result: ScheduleResult) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<"schedule" | CampaignStatus | null>(null);
  const { campaign } = props.schedule;
  const openSites = props.schedule.sites.filter((s) => !s.closedAt).length;

  if (!can("campaign.manage") || campaign.status === "closed") return null;

  const runSchedule = async () => {
    setBusy("schedule");
    try {
      const result = await scheduleCampaign(campaign.id);
      message.success(
        result.mode === "partial"
          ? t("campaigns.actions.rescheduled", { count: result.moved })
          : t("campaigns.actions.scheduled", { count: result.households }),
      );
      props.onScheduled(result);
    } catch (error) {
      modal.error({ title: t("campaigns.actions.scheduleFailed"), content: errorText(error) });
    } finally {
      setBusy(null);
    }
  };

  const moveTo = async (status: "running" | "closed") => {
    setBusy(status);
    try {
      await changeCampaignStatus(campaign.id, status);
      message.success(t(`campaigns.actions.became.${status}`));
      props.onChanged();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  const noSites = openSites === 0;
  const scheduleButton = (primary: boolean) => (
    <Tooltip title={noSites ? t("campaigns.actions.needSites") : undefined}>
      <Button
        type={primary ? "primary" : "default"}
        icon={primary ? <CalendarOutlined /> : <ReloadOutlined />}
        loading={busy === "schedule"}
        disabled={noSites || (busy !== null && busy !== "schedule")}
        onClick={() => void runSchedule()}
        data-testid="campaign-schedule"
      >
        {campaign.status === "draft" ? t("campaigns.actions.schedule") : t("campaigns.actions.reschedule")}
      </Button>
    </Tooltip>
  );

  if (campaign.status === "draft") return scheduleButton(true);
  return (
    <>
      {scheduleButton(false)}
      {campaign.status === "scheduled" && (
        <Popconfirm
          title={t("campaigns.actions.startTitle")}
          description={<div style={{ maxWidth: 320 }}>{t("campaigns.actions.startBody")}</div>}
          okText={t("campaigns.actions.start")}
          cancelText={t("common.cancel")}
          onConfirm={() => moveTo("running")}
        >
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={busy === "running"}
            data-testid="campaign-start"
          >
            {t("campaigns.actions.start")}
          </Button>
        </Popconfirm>
      )}
      {campaign.status === "running" && (
        <Popconfirm
          title={t("campaigns.actions.closeTitle")}
          description={<div style={{ maxWidth: 320 }}>{t("campaigns.actions.closeBody")}</div>}
          okText={t("campaigns.actions.close")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          onConfirm={() => moveTo("closed")}
        >
          <Button danger icon={<FlagOutlined />} loading={busy === "closed"} data-testid="campaign-close">
            {t("campaigns.actions.close")}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
