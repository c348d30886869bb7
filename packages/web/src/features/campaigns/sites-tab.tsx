import { EditOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { Button, Empty, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/i18n/setup-i18n";
import { useSession } from "../auth/session";
import type { CampaignSchedule, Site } from "./campaigns-api";
import { CloseSiteModal } from "./close-site-modal";
import { formatDay, formatRange } from "./shanghai-time";
import { SiteFormModal } from "./site-form-modal";
import { useRegionNames } from "./use-region-names";

type SiteRow = CampaignSchedule["sites"][number];

/** The round's collection points: lanes, rate, opening windows, who each serves; add, edit, close. */
export function SitesTab({ schedule, onChanged }: { schedule: CampaignSchedule; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const [editing, setEditing] = useState<Site | "new" | null>(null);
  const { campaign, sites } = schedule;
  const names = useRegionNames(sites.flatMap((s) => s.regionIds));
  const editable = can("campaign.site") && campaign.status !== "closed";

  const [closing, setClosing] = useState<Site | null>(null);
  const confirmClose = (site: Site) => setClosing(site);

  return (
    <>
      {editable && (
        <div style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing("new")}
            data-testid="site-add"
          >
            {t("campaigns.sites.add")}
          </Button>
        </div>
      )}
      <Table<SiteRow>
        rowKey="id"
        size="small"
        dataSource={sites}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.sites.empty")} />,
        }}
        onRow={() => ({ "data-testid": "site-row" }) as object}
        columns={[
          {
            key: "name",
            title: t("campaigns.sites.name"),
            render: (_: unknown, site) => (
              <div style={{ opacity: site.closedAt ? 0.6 : 1 }}>
                <strong>{site.name}</strong>
                {site.closedAt && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t("campaigns.sites.closedTag")}
                  </Tag>
                )}
                {site.address && <div style={{ color: "#5b6b7f", fontSize: 13 }}>{site.address}</div>}
              </div>
            ),
          },
          { key: "lanes", title: t("campaigns.sites.lanes"), dataIndex: "lanes", width: 80, align: "right" },
          {
            key: "rate",
            title: t("campaigns.sites.rate"),
            width: 130,
            render: (_: unknown, site) => (
              <div>
                <div>{t("campaigns.sites.peoplePerHour", { count: site.lanes * site.perLanePerHour })}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("campaigns.sites.perLane", { count: site.perLanePerHour })}
                </Typography.Text>
              </div>
            ),
          },
          {
            key: "windows",
            title: t("campaigns.sites.windows"),
            width: 230,
            render: (_: unknown, site) => (
              <div>
                {site.windows.map((w) => (
                  <div key={w.startsAt} style={{ whiteSpace: "nowrap" }}>
                    {formatDay(w.startsAt, lang)} {formatRange(w.startsAt, w.endsAt, lang)}
                  </div>
                ))}
              </div>
            ),
          },
          {
            key: "regions",
            title: t("campaigns.sites.servedRegions"),
            render: (_: unknown, site) => (
              <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {site.regionIds
                  .filter((id) => names[id] !== "")
                  .map((id) => (
                    <Tag key={id} style={{ marginInlineEnd: 0 }}>
                      {names[id] ?? "…"}
                    </Tag>
                  ))}
              </div>
            ),
          },
          {
            key: "booked",
            title: t("campaigns.sites.booked"),
            width: 110,
            align: "right",
            render: (_: unknown, site) =>
              site.load.capacity > 0
                ? `${site.load.booked.toLocaleString()} / ${site.load.capacity.toLocaleString()}`
                : "—",
          },
          ...(editable
            ? [
                {
                  key: "actions",
                  title: t("common.actions"),
                  width: 150,
                  render: (_: unknown, site: SiteRow) =>
                    site.closedAt ? null : (
                      <div style={{ display: "flex", gap: 4 }}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(site)}>
                          {t("common.edit")}
                        </Button>
                        <Button
                          size="small"
                          danger
                          icon={<StopOutlined />}
                          onClick={() => confirmClose(site)}
                          data-testid="site-close"
                        >
                          {t("campaigns.sites.close")}
                        </Button>
                      </div>
                    ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <SiteFormModal
          campaign={campaign}
          {...(editing === "new" ? {} : { site: editing })}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
      {closing && (
        <CloseSiteModal
          campaignId={campaign.id}
          site={closing}
          others={sites.filter((s) => s.id !== closing.id && !s.closedAt)}
          draft={campaign.status === "draft"}
          onClose={() => setClosing(null)}
          onClosed={() => {
            setClosing(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
