import { Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../app/use-api";
import { useDeviceChoice } from "../../app/use-device-choice";
import { useMe } from "../auth/session";
import { fetchCampaign, fetchCampaigns } from "../campaigns/campaigns-api";
import { fetchChildren } from "../regions/regions-api";
import type { BoxPoint } from "./boxes-api";

const STORAGE_KEY = "shequ.boxes.point";

function readStored(stored: string): BoxPoint | undefined {
  try {
    const value = JSON.parse(stored) as Partial<BoxPoint> | null;
    return value?.campaignId && value.siteId
      ? { campaignId: value.campaignId, siteId: value.siteId }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The round and point this device packs for, remembered on the device like the station's. */
export function useRememberedPoint(): [BoxPoint | undefined, (point: BoxPoint) => void] {
  return useDeviceChoice(STORAGE_KEY, readStored, JSON.stringify);
}

/**
 * Round and point pickers. With nothing remembered it picks the running round (closed rounds stay
 * listed: their last boxes still travel) and the point serving the user's own area.
 */
export function PointPicker({
  value,
  onChange,
}: {
  value: BoxPoint | undefined;
  onChange: (p: BoxPoint) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const rounds = useApi((signal) => fetchCampaigns(signal), []);
  const usable = (rounds.data?.items ?? []).filter((c) => c.status !== "draft");
  const [campaignId, setCampaignId] = useState(value?.campaignId);
  const round = useApi(
    async (signal) => (campaignId ? fetchCampaign(campaignId, signal) : undefined),
    [campaignId],
  );
  const sites = round.data?.campaign.id === campaignId ? (round.data?.sites ?? []) : [];
  const near = useApi(
    async (signal) =>
      me.scope
        ? [me.scope.regionId, ...(await fetchChildren(me.scope.regionId, signal)).items.map((r) => r.id)]
        : [],
    [me.scope?.regionId],
  );

  const firstRound = (usable.find((c) => c.status === "running") ?? usable[0])?.id;
  useEffect(() => {
    if (!campaignId && firstRound) setCampaignId(firstRound);
  }, [campaignId, firstRound]);

  const open = sites.filter((s) => !s.closedAt);
  const firstSite = (
    open.find((s) => s.regionIds.some((id) => near.data?.includes(id))) ??
    open[0] ??
    sites[0]
  )?.id;
  useEffect(() => {
    if (!campaignId || !firstSite || value?.campaignId === campaignId) return;
    onChange({ campaignId, siteId: firstSite });
  }, [campaignId, firstSite, value?.campaignId, onChange]);

  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
      <Select
        data-testid="boxes-round"
        aria-label={t("boxes.round")}
        placeholder={t("boxes.round")}
        value={campaignId}
        loading={rounds.loading}
        style={{ minWidth: 200 }}
        onChange={(id: string) => setCampaignId(id)}
        options={usable.map((c) => ({ value: c.id, label: c.name }))}
        notFoundContent={t("boxes.noRound")}
      />
      <Select
        data-testid="boxes-site"
        aria-label={t("boxes.site")}
        placeholder={t("boxes.site")}
        value={value?.campaignId === campaignId ? value?.siteId : undefined}
        loading={round.loading}
        style={{ minWidth: 220 }}
        showSearch={{ optionFilterProp: "label" }}
        onChange={(siteId: string) => campaignId && onChange({ campaignId, siteId })}
        options={sites.map((s) => ({ value: s.id, label: s.name }))}
      />
    </div>
  );
}
