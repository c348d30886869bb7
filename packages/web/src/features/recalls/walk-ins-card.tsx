import { Card, Table } from "antd";
import { useTranslation } from "react-i18next";
import { useApi } from "../../app/use-api";
import { ReasonTag } from "./recall-tags";
import { fetchRecallWalkIns, type RecallWalkIn } from "./recalls-api";

/** Walk-ins of recalled tubes: no household, so no task; the registry owners must reach them. */
export function WalkInsCard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const walkIns = useApi((signal) => fetchRecallWalkIns(campaignId, signal), [campaignId]);
  const items = walkIns.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={t("recalls.walkIns.title", { count: items.length })}
      style={{ marginTop: 12 }}
      data-testid="recall-walk-ins"
    >
      <div style={{ color: "#5b6b7f", marginBottom: 8 }}>{t("recalls.walkIns.hint")}</div>
      <Table<RecallWalkIn>
        rowKey="walkInId"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 720 }}
        columns={[
          { key: "name", title: t("recalls.walkIns.name"), dataIndex: "name" },
          {
            key: "id",
            title: t("recalls.walkIns.idNumber"),
            dataIndex: "idNumberMasked",
            render: (v: string) => <span className="mono">{v}</span>,
          },
          {
            key: "phone",
            title: t("recalls.walkIns.phone"),
            dataIndex: "phoneMasked",
            render: (v: string | null) => <span className="mono">{v ?? "—"}</span>,
          },
          { key: "site", title: t("recalls.walkIns.site"), render: (_, row) => row.site.name },
          {
            key: "tube",
            title: t("recalls.walkIns.tube"),
            dataIndex: "tubeBarcode",
            render: (v: string) => <span className="mono">{v}</span>,
          },
          {
            key: "reason",
            title: t("recalls.walkIns.reason"),
            dataIndex: "reason",
            render: (reason: RecallWalkIn["reason"]) => <ReasonTag reason={reason} />,
          },
        ]}
      />
    </Card>
  );
}
