import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { CampaignStatus } from "./campaigns-api";

const COLORS: Record<CampaignStatus, string> = {
  draft: "default",
  scheduled: "blue",
  running: "green",
  closed: "purple",
};

/** 草稿 / 已排班 / 采样中 / 已结束, in one colour each so a list reads at a glance. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="campaign-status" style={{ marginInlineEnd: 0 }}>
      {t(`campaigns.statuses.${status}`)}
    </Tag>
  );
}
