import { Alert, Breadcrumb, Card, Grid, Result, Spin, Steps, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { BuildingsTab } from "./buildings-tab";
import { CampaignActions } from "./campaign-actions";
import { CampaignStatusTag } from "./campaign-status-tag";
import { type CampaignStatus, fetchCampaign, type ScheduleResult } from "./campaigns-api";
import { HomeRunsTab } from "./home-runs-tab";
import { LookupTab } from "./lookup-tab";
import { NoticesTab } from "./notices-tab";
import { ScheduleTab } from "./schedule-tab";
import { formatShort } from "./shanghai-time";
import { SitesTab } from "./sites-tab";
import { WalkInsTab } from "./walk-ins-tab";

const TABS = ["sites", "schedule", "homeRuns", "buildings", "notices", "lookup", "walkIns"] as const;
type TabKey = (typeof TABS)[number];
const STEPS: CampaignStatus[] = ["draft", "scheduled", "running", "closed"];

/** One round: where it stands, the next step, and a tab for each job around it. */
export function CampaignPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const [lastRun, setLastRun] = useState<ScheduleResult>();
  const isPhone = Grid.useBreakpoint().md === false;
  const { can } = useSession();
  const schedule = useApi((signal) => fetchCampaign(id, signal), [id]);
  const tabParam = params.get("tab");
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : "sites";

  const openTab = (key: TabKey) => {
    const next = new URLSearchParams(params);
    next.set("tab", key);
    if (key !== "lookup") next.delete("household");
    setParams(next, { replace: true });
  };

  if (schedule.error) {
    if (schedule.error.code === "not_found") return <Result status="404" title={t("campaigns.notFound")} />;
    return <Alert type="error" showIcon title={errorText(schedule.error)} />;
  }
  const data = schedule.data;
  if (!data) return <Spin />;
  const { campaign } = data;
  const reload = schedule.reload;

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/campaigns">{t("campaigns.title")}</Link> }, { title: campaign.name }]}
      />
      <PageTitle
        title={
          <span style={{ display: "inline-flex", alignItems: "center", gap: 10, flexWrap: "wrap" }}>
            <span data-testid="campaign-title">{campaign.name}</span>
            <CampaignStatusTag status={campaign.status} />
          </span>
        }
        sub={[
          t("campaigns.page.window", {
            start: formatShort(campaign.startsAt, lang),
            deadline: formatShort(campaign.deadlineAt, lang),
          }),
          t("campaigns.poolOption", { count: campaign.poolSize }),
          t("campaigns.page.slotLength", { count: campaign.slotMinutes }),
        ].join(" · ")}
        extra={
          <CampaignActions
            schedule={data}
            onScheduled={(result) => {
              setLastRun(result);
              openTab("schedule");
              reload();
            }}
            onChanged={reload}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        {!isPhone && (
          <Steps
            size="small"
            current={STEPS.indexOf(campaign.status)}
            items={STEPS.map((s) => ({ title: t(`campaigns.statuses.${s}`) }))}
            style={{ marginBottom: 8 }}
          />
        )}
        <div style={{ color: "#3d4b5c" }} data-testid="campaign-next-step">
          {t(`campaigns.page.next.${campaign.status}`)}
        </div>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => openTab(key as TabKey)}
          destroyOnHidden
          items={[
            {
              key: "sites",
              label: <span data-testid="tab-sites">{t("campaigns.tabs.sites")}</span>,
              children: <SitesTab schedule={data} onChanged={reload} />,
            },
            {
              key: "schedule",
              label: <span data-testid="tab-schedule">{t("campaigns.tabs.schedule")}</span>,
              children: <ScheduleTab schedule={data} lastRun={lastRun} />,
            },
            {
              key: "homeRuns",
              label: <span data-testid="tab-home-runs">{t("campaigns.tabs.homeRuns")}</span>,
              children: <HomeRunsTab campaign={campaign} />,
            },
            {
              key: "buildings",
              label: <span data-testid="tab-buildings">{t("campaigns.tabs.buildings")}</span>,
              children: <BuildingsTab campaign={campaign} />,
            },
            {
              key: "notices",
              label: <span data-testid="tab-notices">{t("campaigns.tabs.notices")}</span>,
              children: <NoticesTab campaign={campaign} />,
            },
            {
              key: "lookup",
              label: <span data-testid="tab-lookup">{t("campaigns.tabs.lookup")}</span>,
              children: (
                <LookupTab campaign={campaign} initialHouseholdId={params.get("household") ?? undefined} />
              ),
            },
            ...(can("resident.write")
              ? [
                  {
                    key: "walkIns",
                    label: <span data-testid="tab-walk-ins">{t("campaigns.tabs.walkIns")}</span>,
                    children: <WalkInsTab campaign={campaign} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
