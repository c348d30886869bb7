import { SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Popconfirm, Progress, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { RegionCascader } from "../regions/region-cascader";
import type { Campaign } from "./campaigns-api";
import { NoticeHouseholdsTable } from "./notice-households-table";
import { NOTICE_COLORS } from "./notice-status-tag";
import { fetchNoticeSummary, NOTICE_STATUSES, type NoticeStatus, startNoticeRun } from "./notices-api";
import { useNoticeRun } from "./use-notice-run";

/**
 * Telling every household: where things stand by status, one button that texts everyone not yet
 * told (with live progress), and the list grid workers tick off after a phone call.
 */
export function NoticesTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [status, setStatus] = useState<NoticeStatus>();
  const [regionId, setRegionId] = useState<string>();
  const [tick, setTick] = useState(0);
  const summary = useApi(
    (signal) => fetchNoticeSummary(campaign.id, regionId, signal),
    [campaign.id, regionId, tick],
  );
  const refresh = () => setTick((n) => n + 1);
  const { run, track } = useNoticeRun(campaign.id, refresh);
  const [starting, setStarting] = useState(false);

  if (!campaign.scheduledAt) {
    return <Alert type="info" showIcon title={t("campaigns.notices.notScheduled")} />;
  }
  const counts = summary.data?.byStatus;
  const pending = counts?.pending ?? 0;
  const canNotify = can("campaign.notify") && campaign.status !== "closed";

  const send = async () => {
    setStarting(true);
    try {
      track(await startNoticeRun(campaign.id, regionId));
      refresh();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setStarting(false);
    }
  };

  const processed = run ? run.sent + run.failed : 0;
  const percent = run && run.total > 0 ? Math.round((processed / run.total) * 100) : 100;

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      {summary.error && <Alert type="error" showIcon title={errorText(summary.error)} />}
      <Card size="small" data-testid="notice-summary">
        <div style={{ display: "flex", flexWrap: "wrap", gap: 16, alignItems: "center" }}>
          <div style={{ fontSize: 16 }}>
            {t("campaigns.notices.householdsTotal", { count: summary.data?.households ?? 0 })}
          </div>
          {NOTICE_STATUSES.map((s) => (
            <Tag
              key={s}
              color={NOTICE_COLORS[s]}
              style={{ fontSize: 14, padding: "2px 10px", cursor: "pointer" }}
              onClick={() => setStatus(status === s ? undefined : s)}
            >
              {t(`campaigns.notices.statuses.${s}`)} {counts?.[s] ?? 0}
            </Tag>
          ))}
          {canNotify && (
            <Popconfirm
              title={t("campaigns.notices.sendTitle")}
              description={
                <div style={{ maxWidth: 320 }}>
                  {pending > 0
                    ? t("campaigns.notices.sendBody", { count: pending })
                    : t("campaigns.notices.nothingPending")}
                </div>
              }
              okText={t("campaigns.notices.send")}
              cancelText={t("common.cancel")}
              okButtonProps={{ disabled: pending === 0 }}
              onConfirm={() => send()}
            >
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={starting}
                disabled={run?.status === "running"}
                style={{ marginInlineStart: "auto" }}
                data-testid="notice-send"
              >
                {t("campaigns.notices.send")}
              </Button>
            </Popconfirm>
          )}
        </div>
        {run && (
          <div style={{ marginTop: 12 }} data-testid="notice-run">
            <div style={{ color: "#3d4b5c" }}>
              {run.status === "running"
                ? t("campaigns.notices.running", { done: processed, total: run.total })
                : t("campaigns.notices.done", { sent: run.sent, failed: run.failed, total: run.total })}
            </div>
            {run.status === "done" && (run.noPhone ?? 0) > 0 && (
              <div style={{ color: "#cf1322" }}>
                {t("campaigns.notices.noPhoneHint", { count: run.noPhone })}
              </div>
            )}
            <Progress
              percent={percent}
              status={run.status === "running" ? "active" : run.failed > 0 ? "exception" : "success"}
            />
          </div>
        )}
      </Card>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <RegionCascader
          value={regionId}
          onChange={(id) => setRegionId(id)}
          placeholder={t("campaigns.notices.regionFilter")}
          style={{ flex: "1 1 280px", maxWidth: 420 }}
        />
        <Select<NoticeStatus>
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t("campaigns.notices.statusFilter")}
          style={{ flex: "0 1 200px" }}
          options={NOTICE_STATUSES.map((s) => ({ value: s, label: t(`campaigns.notices.statuses.${s}`) }))}
        />
      </div>
      <NoticeHouseholdsTable
        key={`${status ?? ""}:${regionId ?? ""}`}
        campaign={campaign}
        status={status}
        regionId={regionId}
        tick={tick}
        canMark={canNotify}
        onMarked={refresh}
      />
    </div>
  );
}
