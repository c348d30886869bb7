import { RightOutlined } from "@ant-design/icons";
import { REGION_LEVEL_LABELS } from "@shequ/core/regions";
import { Alert, Table } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useErrorText } from "../../app/error-text";
import { pickLabel, useLang } from "../../app/i18n/setup-i18n";
import { rowProps } from "../../app/row-props";
import { useApi } from "../../app/use-api";
import { fetchChildren, type RegionSummary } from "./regions-api";

type Props = { regionId: string; version: number } | { items: RegionSummary[]; loading: boolean };

/** The places one level down with their resident counts; a row opens that place. */
export function ChildrenTable(props: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const regionId = "regionId" in props ? props.regionId : undefined;
  const version = "version" in props ? props.version : 0;
  const loaded = useApi(
    (signal) => (regionId ? fetchChildren(regionId, signal) : Promise.resolve({ items: [] })),
    [regionId, version],
  );
  const items = "items" in props ? props.items : (loaded.data?.items ?? []);
  const loading = "items" in props ? props.loading : loaded.loading;

  if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error)} />;
  return (
    <Table<RegionSummary>
      rowKey="id"
      size="middle"
      dataSource={items}
      loading={loading}
      pagination={items.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
      locale={{ emptyText: t("regions.noChildren") }}
      onRow={(row) => rowProps(`region-child-${row.name}`, () => navigate(`/regions/${row.id}`))}
      columns={[
        {
          key: "name",
          title: t("regions.name"),
          dataIndex: "name",
          render: (name: string) => <strong style={{ color: "#1f5fa8" }}>{name}</strong>,
        },
        {
          key: "level",
          title: t("regions.level"),
          dataIndex: "level",
          responsive: ["sm"],
          render: (level: RegionSummary["level"]) => pickLabel(REGION_LEVEL_LABELS[level], lang, level),
        },
        {
          key: "residentCount",
          title: t("regions.residents"),
          dataIndex: "residentCount",
          align: "right",
          render: (n: number) => n.toLocaleString(),
        },
        { key: "go", width: 40, render: () => <RightOutlined style={{ color: "#8a97a8" }} /> },
      ]}
    />
  );
}
