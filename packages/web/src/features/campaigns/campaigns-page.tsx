import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Grid, Table } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { rowProps } from "../../app/row-props";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { CampaignStatusTag } from "./campaign-status-tag";
import { type CampaignStatus, type CampaignSummary, fetchCampaigns } from "./campaigns-api";
import { formatShort } from "./shanghai-time";
import { useRegionNames } from "./use-region-names";

/** All rounds in the user's area, newest first; past rounds stay readable. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const list = useApi((signal) => fetchCampaigns(signal), []);
  const names = useRegionNames((list.data?.items ?? []).flatMap((c) => c.regionIds));
  const scopeOf = (c: CampaignSummary) =>
    c.regionIds
      .map((id) => names[id] ?? "…")
      .filter(Boolean)
      .join("、");

  if (!can("campaign.read")) return <ForbiddenResult />;
  const canManage = can("campaign.manage");

  return (
    <>
      <PageTitle
        title={t("campaigns.title")}
        sub={t("campaigns.subtitle")}
        extra={
          canManage && (
            <Link to="/campaigns/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="campaign-new">
                {t("campaigns.new")}
              </Button>
            </Link>
          )
        }
      />
      {list.error && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<CampaignSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: screens.md ? 900 : undefined }}
          locale={{
            emptyText: (
              <Empty
                description={canManage ? t("campaigns.emptyManager") : t("campaigns.empty")}
                image={Empty.PRESENTED_IMAGE_SIMPLE}
              />
            ),
          }}
          onRow={(row) => rowProps("campaign-row", () => navigate(`/campaigns/${row.id}`))}
          columns={[
            {
              key: "name",
              title: t("campaigns.name"),
              dataIndex: "name",
              render: (name: string, row) => (
                <div>
                  <strong style={{ color: "#1f5fa8" }}>{name}</strong>
                  {scopeOf(row) && <div style={{ color: "#5b6b7f", fontSize: 13 }}>{scopeOf(row)}</div>}
                  {!screens.md && (
                    <div style={{ color: "#5b6b7f", fontSize: 12 }}>
                      {formatShort(row.startsAt, lang)} → {formatShort(row.deadlineAt, lang)}
                    </div>
                  )}
                </div>
              ),
            },
            {
              key: "status",
              title: t("campaigns.status"),
              dataIndex: "status",
              width: 100,
              render: (status: CampaignStatus) => <CampaignStatusTag status={status} />,
            },
            {
              key: "startsAt",
              title: t("campaigns.startsAt"),
              dataIndex: "startsAt",
              width: 150,
              responsive: ["md"],
              render: (v: string) => formatShort(v, lang),
            },
            {
              key: "deadlineAt",
              title: t("campaigns.deadlineAt"),
              dataIndex: "deadlineAt",
              width: 150,
              responsive: ["md"],
              render: (v: string) => formatShort(v, lang),
            },
            {
              key: "sites",
              title: t("campaigns.pointsColumn"),
              dataIndex: "sites",
              width: 90,
              align: "right",
              responsive: ["sm"],
            },
            {
              key: "households",
              title: t("campaigns.households"),
              dataIndex: "households",
              width: 110,
              align: "right",
              render: (v: number) => v.toLocaleString(),
            },
          ]}
        />
      </Card>
    </>
  );
}
