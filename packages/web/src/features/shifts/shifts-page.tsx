import { Alert, Button, Card, Select, Space, Tabs, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { fetchCampaigns } from "../campaigns/campaigns-api";
import { AssignModal } from "./assign-modal";
import { HoursTab, OverLimitTab } from "./hours-tab";
import { GenerateModal, MessageModal, ProposeModal } from "./planning-modals";
import { RulesButton } from "./rules-modal";
import { ShiftBoard } from "./shift-board";
import { type Board, fetchBoard } from "./shifts-api";

type Dialog = "generate" | "propose" | "message" | undefined;

/**
 * Planning the people of a round: per point, the shifts each zone needs and who is on them, gaps
 * in red; assign by hand (with why others do not fit) or accept Shequ's proposal; who is over a
 * rest rule now; hours and certificates.
 */
export function ShiftsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const campaigns = useApi((signal) => fetchCampaigns(signal), []);
  const open = (campaigns.data?.items ?? []).filter((c) => c.status !== "closed");
  const campaignId = params.get("campaignId") ?? open[0]?.id ?? campaigns.data?.items[0]?.id;
  const [siteId, setSiteId] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const [openDemand, setOpenDemand] = useState<string>();
  const board = useApi<Board | undefined>(
    (signal) => (campaignId ? fetchBoard(campaignId, undefined, signal) : Promise.resolve(undefined)),
    [campaignId],
  );
  const sites = board.data?.sites ?? [];
  useEffect(() => {
    if (sites.length > 0 && !sites.some((s) => s.id === siteId)) setSiteId(sites[0]?.id);
  }, [sites, siteId]);
  const site = sites.find((s) => s.id === siteId);
  const siteNames = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const demand = board.data?.demands.find((d) => d.id === openDemand);
  const gap = (board.data?.demands ?? []).filter((d) => d.siteId === siteId).reduce((n, d) => n + d.gap, 0);

  const actions = campaignId && site && (
    <Space wrap>
      <Button onClick={() => setDialog("generate")} data-testid="generate-open">
        {t("shifts.generate")}
      </Button>
      <Button type="primary" onClick={() => setDialog("propose")} data-testid="propose-open">
        {t("shifts.propose")}
      </Button>
      <Button onClick={() => setDialog("message")} data-testid="message-open">
        {t("shifts.message")}
      </Button>
    </Space>
  );

  return (
    <div>
      <PageTitle title={t("shifts.title")} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ width: 280 }}
          placeholder={t("shifts.pickRound")}
          loading={campaigns.loading}
          value={campaignId}
          onChange={(id: string) => setParams({ campaignId: id })}
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="round-select"
        />
        {campaignId && <RulesButton campaignId={campaignId} />}
      </Space>
      {campaigns.error && <Alert type="error" message={errorText(campaigns.error)} />}
      {board.error && <Alert type="error" message={errorText(board.error)} />}
      {campaignId && (
        <Tabs
          items={[
            {
              key: "board",
              label: t("shifts.board"),
              children: (
                <Card
                  size="small"
                  title={
                    <Space wrap>
                      <Select
                        style={{ minWidth: 220 }}
                        value={siteId}
                        onChange={setSiteId}
                        options={sites.map((s) => ({ value: s.id, label: s.name }))}
                        data-testid="site-select"
                      />
                      <Typography.Text type={gap > 0 ? "danger" : "success"} strong data-testid="site-gap">
                        {gap > 0 ? t("shifts.missing", { count: gap }) : t("shifts.full")}
                      </Typography.Text>
                      <Typography.Text type="secondary">{t("shifts.gapLegend")}</Typography.Text>
                    </Space>
                  }
                  extra={actions}
                >
                  {board.data && siteId && (
                    <ShiftBoard board={board.data} siteId={siteId} onOpen={(d) => setOpenDemand(d.id)} />
                  )}
                </Card>
              ),
            },
            { key: "over", label: t("shifts.overLimit"), children: <OverLimitTab campaignId={campaignId} /> },
            { key: "hours", label: t("shifts.hours"), children: <HoursTab campaignId={campaignId} /> },
          ]}
        />
      )}
      {demand && (
        <AssignModal
          demand={demand}
          siteName={siteNames.get(demand.siteId) ?? ""}
          onClose={() => setOpenDemand(undefined)}
          onChanged={board.reload}
        />
      )}
      {dialog === "generate" && campaignId && site && (
        <GenerateModal
          campaignId={campaignId}
          site={site}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            board.reload();
          }}
        />
      )}
      {dialog === "propose" && campaignId && (
        <ProposeModal
          campaignId={campaignId}
          siteId={siteId}
          siteNames={siteNames}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            board.reload();
          }}
        />
      )}
      {dialog === "message" && campaignId && (
        <MessageModal
          campaignId={campaignId}
          siteId={siteId}
          scopeName={site?.name ?? ""}
          onClose={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
