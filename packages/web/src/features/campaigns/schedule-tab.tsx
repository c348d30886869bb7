import { Alert, Button, Card, Col, Empty, Grid, Progress, Row, Statistic, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLang } from "../../app/i18n/setup-i18n";
import type { CampaignSchedule, ScheduleResult, SiteLoad } from "./campaigns-api";
import { ScheduleAlert } from "./schedule-alert";
import { overviewOfResult, overviewOfSchedule } from "./schedule-overview";
import { formatShort } from "./shanghai-time";
import { SiteLoadChart } from "./site-load-chart";

const REASONS = ["no_point", "household_larger_than_slot", "no_capacity"] as const;

/** The plan: on time or short, per point booked against capacity hour by hour, who moved. */
export function ScheduleTab({
  schedule,
  lastRun,
}: {
  schedule: CampaignSchedule;
  lastRun: ScheduleResult | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const isPhone = Grid.useBreakpoint().md === false;
  if (!lastRun && !schedule.campaign.scheduledAt) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.schedule.notYet")} />;
  }
  const overview = lastRun ? overviewOfResult(lastRun) : overviewOfSchedule(schedule);
  const run = overview.run;
  // A closed point takes no one; its empty card would only distract.
  const closed = new Set(schedule.sites.filter((s) => s.closedAt).map((s) => s.id));
  const sites = overview.sites.filter((s) => !closed.has(s.siteId) || s.booked > 0);
  const valueStyle = { fontSize: isPhone ? 20 : 26 };

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      <ScheduleAlert overview={overview} />
      {run?.mode === "partial" && (
        <Alert
          type="info"
          showIcon
          data-testid="schedule-moved"
          title={t("campaigns.schedule.moved", { count: run.moved })}
          action={
            run.moved > 0 ? (
              <Link to={{ search: "?tab=notices" }} data-testid="schedule-moved-notify">
                <Button type="primary" size="small">
                  {t("campaigns.schedule.notifyMoved")}
                </Button>
              </Link>
            ) : undefined
          }
        />
      )}
      {run && run.unassigned.total > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("campaigns.schedule.unassigned", { count: run.unassigned.total })}
          description={REASONS.filter((r) => run.unassigned.byReason[r]).map((r) => (
            <div key={r}>
              {t(`campaigns.schedule.reasons.${r}`)}：
              {t("campaigns.schedule.householdCount", { count: run.unassigned.byReason[r] ?? 0 })}
            </div>
          ))}
        />
      )}
      <Row gutter={[12, 12]}>
        {[
          { title: t("campaigns.schedule.households"), value: overview.households },
          {
            title: t("campaigns.schedule.homeRuns"),
            value: overview.homeRuns.people,
            suffix: t("campaigns.schedule.homeRunsSuffix", { count: overview.homeRuns.runs }),
          },
          { title: t("campaigns.schedule.finish"), value: formatShort(overview.finish, lang) },
          { title: t("campaigns.deadlineAt"), value: formatShort(overview.deadline, lang) },
        ].map((stat) => (
          <Col xs={12} md={6} key={stat.title}>
            <Card size="small">
              <Statistic styles={{ content: valueStyle }} {...stat} />
            </Card>
          </Col>
        ))}
      </Row>
      {sites.map((site) => (
        <SiteLoadCard key={site.siteId} site={site} deadline={overview.deadline} />
      ))}
    </div>
  );
}

function SiteLoadCard({ site, deadline }: { site: SiteLoad; deadline: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const percent = site.capacity > 0 ? Math.round((site.booked / site.capacity) * 100) : 0;
  const late = !site.onTime || site.latePeople > 0 || site.shortPeople > 0;
  return (
    <Card
      size="small"
      data-testid="site-load"
      title={
        <span style={{ display: "inline-flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
          {site.name}
          <Tag color={late ? "red" : "green"}>
            {late
              ? t("campaigns.schedule.siteLate", { count: site.latePeople + site.shortPeople })
              : t("campaigns.schedule.siteOnTime")}
          </Tag>
        </span>
      }
      extra={
        <span style={{ color: "#5b6b7f" }}>
          {t("campaigns.schedule.finishAt", { finish: formatShort(site.finish, lang) })}
        </span>
      }
    >
      <div style={{ display: "flex", alignItems: "center", gap: 12, flexWrap: "wrap" }}>
        <span style={{ whiteSpace: "nowrap" }}>
          {t("campaigns.schedule.bookedOfCapacity", {
            booked: site.booked.toLocaleString(),
            capacity: site.capacity.toLocaleString(),
          })}
        </span>
        <Progress
          percent={percent}
          style={{ flex: "1 1 200px", margin: 0 }}
          status={late ? "exception" : "normal"}
        />
      </div>
      {site.slots.length > 0 && <SiteLoadChart slots={site.slots} deadline={deadline} />}
    </Card>
  );
}
