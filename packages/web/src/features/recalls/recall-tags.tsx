import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { RecallPerson, RecallTask, TaskStatus } from "./recalls-api";

/** 混管阳性 in red, 混管无效 in orange: the first thing a reader must see. */
export function ReasonTag({ reason }: { reason: RecallTask["reason"] }) {
  const { t } = useTranslation();
  return (
    <Tag color={reason === "positive" ? "red" : "orange"} style={{ fontWeight: 600, marginInlineEnd: 0 }}>
      {t(`recalls.reason.${reason}`)}
    </Tag>
  );
}

type PersonKey = "open" | "reopened" | "resampled" | "negative" | "positive";

/** Where one person stands: 待复核, 复采无效·需重采, 已复采, 阴性, 阳性. */
export function personKey(p: Pick<RecallPerson, "status" | "result">): PersonKey {
  if (p.status === "open") return p.result === "invalid" ? "reopened" : "open";
  if (p.status === "resampled") return "resampled";
  return p.result === "positive" ? "positive" : "negative";
}

const PERSON_COLORS: Record<PersonKey, string> = {
  open: "gold",
  reopened: "volcano",
  resampled: "blue",
  negative: "green",
  positive: "red",
};

export function PersonStatusTag({ person }: { person: Pick<RecallPerson, "status" | "result"> }) {
  const { t } = useTranslation();
  const key = personKey(person);
  return (
    <Tag
      color={PERSON_COLORS[key]}
      variant={key === "positive" ? "solid" : undefined}
      style={{ marginInlineEnd: 0, fontWeight: key === "positive" ? 700 : 400 }}
      data-testid="recall-person-status"
    >
      {t(`recalls.person.${key}`)}
    </Tag>
  );
}

const TASK_COLORS: Record<TaskStatus, string> = {
  open: "default",
  controlled: "cyan",
  resampled: "blue",
  closed: "green",
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={TASK_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="recall-task-status">
      {t(`recalls.taskStatus.${status}`)}
    </Tag>
  );
}
