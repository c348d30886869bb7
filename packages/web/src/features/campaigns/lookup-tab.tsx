import { SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Input, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { RegionCascader } from "../regions/region-cascader";
import { fetchHouseholds } from "../regions/regions-api";
import { type Campaign, fetchHouseholdSlot } from "./campaigns-api";
import { formatSlot } from "./shanghai-time";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Answers a resident on the phone: "when and where do we go?" — by address or household id. */
export function LookupTab({
  campaign,
  initialHouseholdId,
}: {
  campaign: Campaign;
  initialHouseholdId?: string | undefined;
}) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string>();
  const [householdId, setHouseholdId] = useState<string | undefined>(initialHouseholdId);
  const [typed, setTyped] = useState(initialHouseholdId ?? "");
  const [typedError, setTypedError] = useState(false);
  const doors = useApi(
    (signal) => (unitId ? fetchHouseholds(unitId, signal) : Promise.resolve({ items: [] })),
    [unitId],
  );

  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, maxWidth: 820 }}>
      <Card size="small" title={t("campaigns.lookup.byAddress")}>
        <Space wrap>
          <RegionCascader
            leafLevel="unit"
            value={unitId}
            onChange={(id) => {
              setUnitId(id);
              setHouseholdId(undefined);
            }}
            placeholder={t("campaigns.lookup.unitPlaceholder")}
            style={{ width: 360 }}
            testId="lookup-unit"
          />
          <Select<string>
            showSearch
            disabled={!unitId}
            value={
              householdId && doors.data?.items.some((d) => d.id === householdId) ? householdId : undefined
            }
            onChange={setHouseholdId}
            loading={doors.loading && !!unitId}
            placeholder={t("campaigns.lookup.doorPlaceholder")}
            style={{ width: 160 }}
            optionFilterProp="label"
            data-testid="lookup-door"
            options={(doors.data?.items ?? []).map((d) => ({ value: d.id, label: d.door }))}
          />
        </Space>
      </Card>
      <Card size="small" title={t("campaigns.lookup.byId")}>
        <Space.Compact style={{ width: "100%", maxWidth: 520 }}>
          <Input
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              setTypedError(false);
            }}
            onPressEnter={() => {
              const id = typed.trim();
              if (UUID.test(id)) setHouseholdId(id);
              else setTypedError(true);
            }}
            placeholder={t("campaigns.lookup.idPlaceholder")}
            status={typedError ? "error" : undefined}
            className="mono"
            data-testid="lookup-id"
          />
          <Button
            icon={<SearchOutlined />}
            onClick={() => {
              const id = typed.trim();
              if (UUID.test(id)) setHouseholdId(id);
              else setTypedError(true);
            }}
          >
            {t("campaigns.lookup.find")}
          </Button>
        </Space.Compact>
        {typedError && (
          <div style={{ color: "#cf1322", marginTop: 4 }}>{t("campaigns.lookup.idInvalid")}</div>
        )}
      </Card>
      {householdId && <SlotCard campaign={campaign} householdId={householdId} />}
    </div>
  );
}

function SlotCard({ campaign, householdId }: { campaign: Campaign; householdId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const slot = useApi(
    (signal) => fetchHouseholdSlot(campaign.id, householdId, signal),
    [campaign.id, householdId],
  );

  if (slot.error) {
    return (
      <Alert
        type={slot.error.code === "not_found" ? "warning" : "error"}
        showIcon
        title={slot.error.code === "not_found" ? t("campaigns.lookup.notFound") : errorText(slot.error)}
      />
    );
  }
  const data = slot.data;
  if (!data) return <Card loading size="small" />;
  const nothing = !data.slot && !data.homeRun;
  return (
    <Card
      size="small"
      data-testid="lookup-result"
      title={t("campaigns.lookup.resultTitle")}
      extra={<Link to={`/households/${householdId}`}>{t("campaigns.lookup.openHousehold")}</Link>}
    >
      {nothing ? (
        <Alert type="warning" showIcon title={t("campaigns.lookup.notAssigned")} />
      ) : (
        <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
          {data.slot && (
            <Descriptions.Item label={t("campaigns.lookup.time")}>
              <span style={{ fontSize: 22, fontWeight: 600 }} data-testid="lookup-time">
                {formatSlot(data.slot.startsAt, data.slot.endsAt, lang)}
              </span>
            </Descriptions.Item>
          )}
          {data.site && (
            <Descriptions.Item label={t("campaigns.lookup.site")}>
              <span style={{ fontSize: 16 }}>
                {data.site.name}
                {data.site.address && <span style={{ color: "#5b6b7f" }}>（{data.site.address}）</span>}
              </span>
            </Descriptions.Item>
          )}
          {data.slot && (
            <Descriptions.Item label={t("campaigns.lookup.people")}>
              {t("campaigns.people", { count: data.slot.people })}
            </Descriptions.Item>
          )}
          {data.homeRun && (
            <Descriptions.Item label={t("campaigns.lookup.homeRun")}>
              <span data-testid="lookup-home-run">
                {t("campaigns.lookup.homeRunText", {
                  seq: data.homeRun.seq,
                  stop: data.homeRun.stop,
                  count: data.homeRun.people,
                })}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
