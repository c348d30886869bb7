import type { BoxStatus } from "@shequ/core/box-manifest";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<BoxStatus, string> = {
  packing: "blue",
  sealed: "gold",
  handed_over: "purple",
  received: "green",
};

/** 装箱中 / 已封箱 / 已交接 / 实验室已接收, one colour each. */
export function BoxStatusTag({ status, large }: { status: BoxStatus; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={COLORS[status]}
      data-testid="box-status"
      data-status={status}
      style={{
        marginInlineEnd: 0,
        ...(large ? { fontSize: 16, padding: "2px 10px", lineHeight: "24px" } : {}),
      }}
    >
      {t(`boxes.statuses.${status}`)}
    </Tag>
  );
}
