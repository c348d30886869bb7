import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import type { ScheduleOverview } from "./schedule-overview";
import { formatShort } from "./shanghai-time";

/**
 * The one sentence a secretary needs at 1 am: green, it finishes on time (and when); red, how
 * many sampling-desk hours are missing, and how many people are short or late.
 */
export function ScheduleAlert({ overview }: { overview: ScheduleOverview }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (overview.onTime && overview.shortPeople === 0 && overview.latePeople === 0) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="schedule-alert"
        data-on-time="true"
        title={
          overview.finish
            ? t("campaigns.schedule.onTime", {
                finish: formatShort(overview.finish, lang),
                deadline: formatShort(overview.deadline, lang),
              })
            : t("campaigns.schedule.onTimeNobody")
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="schedule-alert"
      data-on-time="false"
      title={t("campaigns.schedule.short", { count: Math.max(1, Math.ceil(overview.shortLaneHours)) })}
      description={
        <>
          {overview.shortPeople > 0 && (
            <div>{t("campaigns.schedule.shortPeople", { count: overview.shortPeople })}</div>
          )}
          {overview.latePeople > 0 && (
            <div>
              {t("campaigns.schedule.latePeople", {
                count: overview.latePeople,
                deadline: formatShort(overview.deadline, lang),
              })}
            </div>
          )}
          <div>{t("campaigns.schedule.shortHint")}</div>
        </>
      }
    />
  );
}
