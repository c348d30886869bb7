import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { NoticeStatus } from "./notices-api";

export const NOTICE_COLORS: Record<NoticeStatus, string> = {
  pending: "orange",
  queued: "blue",
  sent: "cyan",
  notified: "green",
  unreachable: "red",
};

/** 待通知 / 发送中 / 已发短信 / 已电话确认 / 联系不上. */
export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={NOTICE_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="notice-status">
      {t(`campaigns.notices.statuses.${status}`)}
    </Tag>
  );
}
