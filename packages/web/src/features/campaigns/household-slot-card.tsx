import { ExperimentOutlined } from "@ant-design/icons";
import { Card } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { fetchCampaigns, fetchHouseholdSlot, type HouseholdSlot } from "./campaigns-api";
import { formatSlot } from "./shanghai-time";

/**
 * On a household's page: when and where it goes in the latest scheduled round, so a grid worker
 * answering the phone does not have to open the round first. Shows nothing when there is none.
 */
export function HouseholdSlotCard({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const allowed = can("campaign.read");
  const found = useApi(
    async (signal): Promise<{ campaign: { id: string; name: string }; slot: HouseholdSlot } | null> => {
      if (!allowed) return null;
      // Rounds can cover different communities: the newest open one that includes this household.
      const open = (await fetchCampaigns(signal)).items.filter((c) => c.scheduledAt && c.status !== "closed");
      for (const campaign of open.slice(0, 5)) {
        const slot = await fetchHouseholdSlot(campaign.id, householdId, signal).catch(() => null);
        if (slot?.slot || slot?.homeRun) return { campaign, slot };
      }
      return null;
    },
    [householdId, allowed],
  );
  const data = found.data;
  if (!data) return null;
  const { slot, campaign } = data;
  const text = slot.slot
    ? `${formatSlot(slot.slot.startsAt, slot.slot.endsAt, lang)} · ${slot.site?.name ?? ""}`
    : slot.homeRun
      ? t("campaigns.lookup.homeRunText", {
          seq: slot.homeRun.seq,
          stop: slot.homeRun.stop,
          count: slot.homeRun.people,
        })
      : t("campaigns.household.none");
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="household-slot">
      <ExperimentOutlined style={{ color: "#1f5fa8", marginInlineEnd: 8 }} />
      <span style={{ color: "#5b6b7f" }}>{campaign.name}：</span>
      <strong style={{ fontSize: 16 }}>{text}</strong>
      <Link
        to={`/campaigns/${campaign.id}?tab=lookup&household=${householdId}`}
        style={{ marginInlineStart: 12 }}
      >
        {t("campaigns.household.open")}
      </Link>
    </Card>
  );
}
