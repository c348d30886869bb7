import { FileTextOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Input, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import type { Campaign } from "./campaigns-api";
import { type CampaignBuilding, fetchBuildings } from "./notices-api";
import { formatSlot } from "./shanghai-time";

/** Buildings in door order: open the sheet taped to each door, or the slips for each household. */
export function BuildingsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [q, setQ] = useState("");
  const list = useApi((signal) => fetchBuildings(campaign.id, signal), [campaign.id, campaign.scheduledAt]);
  const base = `/print/campaigns/${campaign.id}/buildings`;
  const needle = q.trim();
  const rows = (list.data?.items ?? []).filter(
    (b) => !needle || `${b.communityName}${b.gridName}${b.name}`.includes(needle),
  );

  return (
    <>
      {!campaign.scheduledAt && (
        <Alert
          type="info"
          showIcon
          title={t("campaigns.buildings.notScheduled")}
          style={{ marginBottom: 12 }}
        />
      )}
      {list.error && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />
      )}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("campaigns.buildings.search")}
          style={{ maxWidth: 320 }}
          onChange={(event) => setQ(event.target.value)}
        />
        {rows.length > 0 && (
          <Link
            to={`/print/campaigns/${campaign.id}/sheets${needle ? `?q=${encodeURIComponent(needle)}` : ""}`}
            target="_blank"
            data-testid="buildings-print-all"
          >
            <Button type="primary" icon={<PrinterOutlined />}>
              {t("campaigns.buildings.printAll", { count: rows.length })}
            </Button>
          </Link>
        )}
      </div>
      <Table<CampaignBuilding>
        rowKey="buildingId"
        size="small"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={() => ({ "data-testid": "building-row" }) as object}
        columns={[
          {
            key: "name",
            title: t("campaigns.buildings.name"),
            render: (_: unknown, b) => (
              <div>
                <strong>{b.name}</strong>
                <div style={{ color: "#5b6b7f", fontSize: 13 }}>
                  {b.communityName} · {b.gridName}
                </div>
              </div>
            ),
          },
          {
            key: "households",
            title: t("campaigns.buildings.households"),
            dataIndex: "households",
            width: 80,
            align: "right",
          },
          {
            key: "people",
            title: t("campaigns.buildings.people"),
            dataIndex: "people",
            width: 80,
            align: "right",
          },
          {
            key: "site",
            title: t("campaigns.buildings.site"),
            dataIndex: "siteName",
            render: (v: string | null) => v ?? "—",
          },
          {
            key: "time",
            title: t("campaigns.buildings.time"),
            width: 220,
            render: (_: unknown, b) =>
              b.firstSlot && b.lastSlot ? formatSlot(b.firstSlot, b.lastSlot, lang) : "—",
          },
          {
            key: "actions",
            title: t("common.actions"),
            width: 240,
            render: (_: unknown, b) => (
              <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
                <Link to={`${base}/${b.buildingId}/sheet`} target="_blank" data-testid="building-sheet-link">
                  <Button size="small" icon={<PrinterOutlined />}>
                    {t("campaigns.buildings.sheet")}
                  </Button>
                </Link>
                <Link
                  to={`${base}/${b.buildingId}/notices`}
                  target="_blank"
                  data-testid="building-notices-link"
                >
                  <Button size="small" icon={<FileTextOutlined />}>
                    {t("campaigns.buildings.notices")}
                  </Button>
                </Link>
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
