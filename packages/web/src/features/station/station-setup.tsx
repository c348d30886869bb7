import { CloudDownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useApi } from "../../app/use-api";
import { useMe } from "../auth/session";
import { fetchCampaign, fetchCampaigns } from "../campaigns/campaigns-api";
import { fetchChildren } from "../regions/regions-api";
import { fetchBootstrap, type StationBootstrap } from "./station-api";

/**
 * Step one at the folding table: which round and which point, then download the point's list so
 * the station works from here on without the network (the list is stored before scanning starts). Defaults: the round running (or scheduled)
 * in the user's area and the first point serving it.
 */
export function StationSetup({ onReady }: { onReady: (bootstrap: StationBootstrap) => Promise<void> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useMe();
  const rounds = useApi((signal) => fetchCampaigns(signal), []);
  const usable = (rounds.data?.items ?? []).filter((c) => c.status === "running" || c.status === "scheduled");
  const [campaignId, setCampaignId] = useState<string>();
  const [siteId, setSiteId] = useState<string>();
  const [downloading, setDownloading] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const firstRound = (usable.find((c) => c.status === "running") ?? usable[0])?.id;
  useEffect(() => {
    if (!campaignId && firstRound) setCampaignId(firstRound);
  }, [campaignId, firstRound]);

  const round = useApi(
    async (signal) => (campaignId ? fetchCampaign(campaignId, signal) : undefined),
    [campaignId],
  );
  const sites = (round.data?.sites ?? []).filter((s) => !s.closedAt);
  // The user's own area and the places right under it: the point serving them comes first.
  const near = useApi(
    async (signal) =>
      me.scope
        ? [me.scope.regionId, ...(await fetchChildren(me.scope.regionId, signal)).items.map((r) => r.id)]
        : [],
    [me.scope?.regionId],
  );
  const firstSite = (sites.find((s) => s.regionIds.some((id) => near.data?.includes(id))) ?? sites[0])?.id;
  useEffect(() => {
    if (firstSite && !sites.some((s) => s.id === siteId)) setSiteId(firstSite);
  }, [firstSite, siteId, sites]);

  const download = async () => {
    if (!campaignId || !siteId) return;
    setDownloading(true);
    setFailure(undefined);
    try {
      // Stored in IndexedDB before the scanning screen opens: from here on no network is needed.
      await onReady(await fetchBootstrap(campaignId, siteId));
    } catch (error) {
      setFailure(error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div style={{ maxWidth: 640, margin: "48px auto", padding: 16 }}>
      <Typography.Title level={2}>{t("station.setupTitle")}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
        {t("station.setupHint")}
      </Typography.Paragraph>
      <Card>
        {rounds.error && (
          <Alert type="error" showIcon title={errorText(rounds.error)} style={{ marginBottom: 16 }} />
        )}
        {rounds.data && usable.length === 0 && (
          <Alert type="info" showIcon title={t("station.noRound")} style={{ marginBottom: 16 }} />
        )}
        <Form layout="vertical" size="large">
          <Form.Item label={t("station.round")}>
            <Select
              data-testid="station-round"
              value={campaignId}
              loading={rounds.loading}
              onChange={(id: string) => {
                setCampaignId(id);
                setSiteId(undefined);
              }}
              options={usable.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item label={t("station.site")}>
            <Select
              data-testid="station-site"
              value={siteId}
              loading={round.loading}
              showSearch={{ optionFilterProp: "label" }}
              onChange={(id: string) => setSiteId(id)}
              options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.address}）` }))}
            />
          </Form.Item>
        </Form>
        {failure !== undefined && (
          <Alert type="error" showIcon title={errorText(failure)} style={{ marginBottom: 16 }} />
        )}
        <Button
          type="primary"
          size="large"
          block
          icon={<CloudDownloadOutlined />}
          loading={downloading}
          disabled={!campaignId || !siteId}
          data-testid="station-download"
          onClick={() => void download()}
        >
          {t("station.download")}
        </Button>
      </Card>
      <div style={{ marginTop: 16 }}>
        <Link to="/">{t("station.backHome")}</Link>
      </div>
    </div>
  );
}
