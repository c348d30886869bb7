import { QUALIFICATION_LABELS, type Qualification } from "@shequ/core/work-zones";
import { WORKER_SOURCE_LABELS, type WorkerSource, type WorkerStatus } from "@shequ/core/worker-schema";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { formatShort } from "../campaigns/shanghai-time";

const STATUS_COLOR: Record<WorkerStatus, string> = {
  pending: "orange",
  approved: "green",
  rejected: "default",
  inactive: "default",
};

export function WorkerStatusTag({ status }: { status: WorkerStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="worker-status" data-status={status}>
      {t(`workers.status.${status}`)}
    </Tag>
  );
}

export function QualificationTags({ values }: { values: string[] }) {
  const lang = useLang();
  return (
    <>
      {values.map((q) => (
        <Tag key={q} color={q === "may_swab" ? "blue" : undefined} style={{ marginBottom: 2 }}>
          {pickLabel(QUALIFICATION_LABELS[q as Qualification], lang, q)}
        </Tag>
      ))}
    </>
  );
}

export function useSourceText(): (source: WorkerSource, org?: string | null) => string {
  const lang = useLang();
  return (source, org) => [pickLabel(WORKER_SOURCE_LABELS[source], lang), org].filter(Boolean).join(" · ");
}

/** "11月29日 08:00–12:00" per window, a few at most. */
export function AvailabilityText({ windows }: { windows: { start: string; end: string }[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (windows.length === 0) return <span style={{ color: "#8c8c8c" }}>{t("workers.availabilityNone")}</span>;
  const shown = windows
    .slice(0, 3)
    .map((w) => `${formatShort(w.start, lang)}–${formatShort(w.end, lang).split(" ").pop()}`);
  return (
    <span style={{ fontSize: 12 }}>
      {shown.join("；")}
      {windows.length > 3 && ` …(+${windows.length - 3})`}
    </span>
  );
}
