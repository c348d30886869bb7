import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Card, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { fetchCampaigns } from "../campaigns/campaigns-api";
import { formatShort } from "../campaigns/shanghai-time";
import {
  fetchResidentStatus,
  type ResidentRoundStatus,
  type ResidentSample,
  type ResidentState,
} from "./recalls-api";
import "./recalls.css";

const STATE_COLORS: Record<ResidentState, string> = {
  not_in_round: "default",
  not_sampled: "default",
  waiting: "blue",
  negative: "green",
  recalled: "orange",
  resampled: "geekblue",
  positive: "red",
  invalid: "volcano",
};

interface Member {
  id: string;
  name: string;
  status: string;
}

/**
 * On a household's page, for the grid worker answering the phone: each resident's round —
 * sampled when and where, the tube's result, recalled or not, the re-sample's result. Each look
 * is audited on the server, as it is a health record.
 */
export function ResidentRoundStatusCard({ residents }: { residents: Member[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const allowed = can("recall.manage");
  const people = residents.filter((r) => r.status !== "moved_out");
  const rounds = useApi(
    async (signal) =>
      allowed ? (await fetchCampaigns(signal)).items.filter((c) => c.status !== "draft") : [],
    [allowed],
  );
  const [picked, setPicked] = useState<string>();
  const campaignId = picked ?? rounds.data?.[0]?.id;
  const key = people.map((p) => p.id).join(",");
  const statuses = useApi(
    (signal) =>
      campaignId && people.length > 0
        ? Promise.all(people.map((p) => fetchResidentStatus(p.id, campaignId, signal)))
        : Promise.resolve([]),
    [campaignId, key],
  );

  if (!allowed || !campaignId || people.length === 0) return null;
  const byId = new Map((statuses.data ?? []).map((s) => [s.residentId, s]));
  const outside = statuses.data?.every((s) => s.state === "not_in_round") ?? false;

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      loading={statuses.loading && !statuses.data}
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: "#1f5fa8", marginInlineEnd: 8 }} />
          {t("recalls.household.title")}
        </span>
      }
      extra={
        (rounds.data?.length ?? 0) > 1 ? (
          <Select
            size="small"
            value={campaignId}
            onChange={setPicked}
            style={{ width: 200 }}
            options={(rounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="household-round"
          />
        ) : (
          <span style={{ color: "#5b6b7f" }}>{rounds.data?.[0]?.name}</span>
        )
      }
      data-testid="household-round-status"
    >
      {outside ? (
        <span style={{ color: "#5b6b7f" }}>{t("recalls.household.notInRound")}</span>
      ) : (
        people.map((p) => {
          const status = byId.get(p.id);
          return status ? <ResidentLine key={p.id} name={p.name} status={status} /> : null;
        })
      )}
    </Card>
  );
}

function ResidentLine({ name, status }: { name: string; status: ResidentRoundStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const recall = status.recalls.at(-1);
  const first = status.samples.find((s) => !s.resample);
  const resamples = status.samples.filter((s) => s.resample);
  return (
    <div className="resident-round" data-testid="resident-round">
      <div className="resident-round-head">
        <strong>{name}</strong>
        <Tag
          color={STATE_COLORS[status.state]}
          variant={status.state === "positive" ? "solid" : undefined}
          style={{ fontWeight: status.state === "positive" ? 700 : 500, marginInlineEnd: 0 }}
          data-testid="resident-round-state"
        >
          {t(`recalls.household.state.${status.state}`)}
        </Tag>
      </div>
      {first && <SampleLine sample={first} />}
      {recall && (
        <div className="resident-round-line">
          <span style={{ color: recall.reason === "positive" ? "#cf1322" : "#d46b08", fontWeight: 600 }}>
            {t("recalls.household.recall", { reason: t(`recalls.reason.${recall.reason}`) })}
          </span>
          {` ${formatShort(recall.createdAt, lang)}`}
          {recall.controlledAt && ` · ${t("recalls.household.controlled")}`}
          {recall.homeSampling && ` · ${t("recalls.household.homeSampling")}`}
        </div>
      )}
      {resamples.map((s) => (
        <SampleLine key={s.sampleId} sample={s} prefix={t("recalls.household.resample")} />
      ))}
    </div>
  );
}

function SampleLine({ sample, prefix }: { sample: ResidentSample; prefix?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kind = sample.tube?.single || sample.tube?.poolSize === 1 ? "single" : "pooled";
  // A pooled tube's result is the tube's, not the person's: only a single tube is shown in red.
  const pooled = kind === "pooled" && sample.result && sample.result !== "negative";
  const color =
    sample.result === "negative"
      ? "#389e0d"
      : pooled || sample.result === "invalid"
        ? "#d46b08"
        : sample.result === "positive"
          ? "#cf1322"
          : "#5b6b7f";
  const resultText = !sample.result
    ? t("recalls.household.pending")
    : pooled
      ? t(`recalls.reason.${sample.result as "positive" | "invalid"}`)
      : t(`recalls.household.result.${sample.result}`);
  return (
    <div className="resident-round-line">
      {prefix && <span style={{ fontWeight: 600 }}>{prefix} </span>}
      {t("recalls.household.sampled", {
        at: formatShort(sample.sampledAt, lang),
        site: sample.site?.name ?? "",
      })}
      {sample.tube && (
        <>
          {" · "}
          {t(`recalls.household.${kind}`)} <span className="mono">{sample.tube.barcode}</span>
        </>
      )}
      {" · "}
      <span style={{ color, fontWeight: sample.result ? 600 : 400 }}>{resultText}</span>
    </div>
  );
}
