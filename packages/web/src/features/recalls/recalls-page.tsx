import { PrinterOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Segmented, Select, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { fetchCampaigns } from "../campaigns/campaigns-api";
import { RecallCountsBar } from "./recall-counts";
import { RecallPrintPreview } from "./recall-print-sheet";
import { fetchRecalls, type RecallList, type RecallTask, type StatusFilter } from "./recalls-api";
import { TaskRow } from "./task-row";
import { WalkInsCard } from "./walk-ins-card";
import "./recalls.css";

const FILTERS: StatusFilter[] = ["active", "open", "controlled", "resampled", "closed", "positive", "all"];

/**
 * The community's recall list: households of positive or invalid pooled tubes, per grid in
 * walking order, with what is left to do for each; printable per grid with names masked.
 */
export function RecallsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const [printing, setPrinting] = useState(false);
  const allowed = can("recall.manage");
  const rounds = useApi(
    async (signal) =>
      allowed ? (await fetchCampaigns(signal)).items.filter((c) => c.status !== "draft") : [],
    [allowed],
  );
  const campaignId = params.get("campaignId") ?? rounds.data?.[0]?.id;
  const gridId = params.get("gridId") ?? undefined;
  const status = (FILTERS.find((f) => f === params.get("status")) ?? "active") as StatusFilter;
  const list = useApi(
    (signal) =>
      campaignId
        ? fetchRecalls({ campaignId, regionId: gridId, status }, signal)
        : Promise.resolve(undefined),
    [campaignId, gridId, status],
  );
  const [edits, setEdits] = useState<Record<string, RecallTask>>({});

  if (!allowed) return <ForbiddenResult />;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setEdits({});
    setParams(next);
  };
  const data: RecallList | undefined = list.data;
  const groups = (data?.groups ?? []).map((g) => ({
    ...g,
    tasks: g.tasks.map((task) => edits[task.id] ?? task),
  }));

  return (
    <>
      <PageTitle
        title={t("recalls.title")}
        sub={t("recalls.subtitle")}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setEdits({});
                list.reload();
              }}
              data-testid="recalls-reload"
            >
              {t("recalls.reload")}
            </Button>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              disabled={groups.length === 0}
              onClick={() => setPrinting(true)}
              data-testid="recalls-print"
            >
              {t("recalls.print")}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="recall-filters">
          <Select
            value={campaignId}
            loading={rounds.loading}
            placeholder={t("recalls.round")}
            style={{ flex: "1 1 220px", maxWidth: 320 }}
            onChange={(id: string) => update({ campaignId: id, gridId: undefined })}
            options={(rounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="recalls-campaign"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            value={gridId}
            placeholder={t("recalls.allGrids")}
            style={{ flex: "1 1 220px", maxWidth: 320 }}
            onChange={(id?: string) => update({ gridId: id })}
            options={(data?.grids ?? []).map((g) => ({
              value: g.id,
              label: t("recalls.gridOption", {
                community: g.communityName,
                grid: g.name,
                count: g.households,
              }),
            }))}
            data-testid="recalls-grid"
          />
          <div className="recall-status-filter">
            <Segmented<StatusFilter>
              value={status}
              onChange={(value) => update({ status: value === "active" ? undefined : value })}
              options={FILTERS.map((f) => ({ value: f, label: t(`recalls.statusFilter.${f}`) }))}
              data-testid="recalls-status"
            />
          </div>
        </div>
      </Card>
      {rounds.data && rounds.data.length === 0 && (
        <Alert type="info" showIcon title={t("recalls.noRounds")} />
      )}
      {(list.error ?? rounds.error) && (
        <Alert
          type="error"
          showIcon
          title={errorText(list.error ?? rounds.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      {data && <RecallCountsBar counts={data.counts} />}
      {data?.truncated && (
        <Alert type="warning" showIcon title={t("recalls.truncated")} style={{ marginBottom: 12 }} />
      )}
      {list.loading && !data && campaignId && (
        <div style={{ display: "grid", placeItems: "center", minHeight: 200 }}>
          <Spin size="large" />
        </div>
      )}
      {data && groups.length === 0 && (
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={data.counts.households === 0 ? t("recalls.empty") : t("recalls.emptyFiltered")}
          />
        </Card>
      )}
      {groups.map((g) => (
        <Card
          key={g.gridId}
          size="small"
          className="recall-group"
          title={
            <span>
              {g.communityName} {g.gridName}
              <span className="recall-group-count">
                {t("recalls.groupCount", {
                  households: g.tasks.length,
                  people: g.tasks.reduce((n, task) => n + task.people.length, 0),
                })}
              </span>
            </span>
          }
          styles={{ body: { padding: 0 } }}
          data-testid="recall-group"
        >
          {g.tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              onChange={(next) => setEdits((e) => ({ ...e, [next.id]: next }))}
            />
          ))}
        </Card>
      ))}
      {campaignId && <WalkInsCard campaignId={campaignId} />}
      {printing && data && (
        <RecallPrintPreview round={data.campaign.name} groups={groups} onClose={() => setPrinting(false)} />
      )}
    </>
  );
}
