import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useApi } from "../../app/use-api";
import { type CampaignSummary, fetchCampaigns } from "./campaigns-api";

/**
 * The round a page looks at, kept in the address (?campaignId=…) so a link or a reload keeps it;
 * defaults to the first running round, else the newest scheduled one. Drafts are left out.
 */
export function useRoundParam(enabled = true) {
  const [params, setParams] = useSearchParams();
  const rounds = useApi(
    async (signal) =>
      enabled ? (await fetchCampaigns(signal)).items.filter((c) => c.status !== "draft") : [],
    [enabled],
  );
  const list = rounds.data ?? [];
  const fallback = list.find((c) => c.status === "running") ?? list[0];
  const campaignId = params.get("campaignId") ?? fallback?.id;
  /** Sets search params (undefined removes one); changing the round clears the others given. */
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  return { rounds: list, loading: rounds.loading, campaignId, params, update };
}

/** A picker of rounds for the top of a page. */
export function RoundSelect(props: {
  rounds: CampaignSummary[];
  loading: boolean;
  value: string | undefined;
  onChange: (id: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      value={props.value}
      loading={props.loading}
      placeholder={t("campaigns.pickRound")}
      style={{ flex: "1 1 220px", maxWidth: 320 }}
      onChange={props.onChange}
      options={props.rounds.map((c) => ({ value: c.id, label: c.name }))}
      data-testid={props.testId}
    />
  );
}
