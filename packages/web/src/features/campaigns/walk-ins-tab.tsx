import { CheckOutlined, EyeOutlined } from "@ant-design/icons";
import { Alert, App, Button, Segmented, Space, Spin, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiGet, apiSend } from "../../app/api-client";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import type { Campaign } from "./campaigns-api";
import { formatShort } from "./shanghai-time";

interface WalkIn {
  walkInId: string;
  name: string;
  idType: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  site: { id: string; name: string };
  registeredAt: string;
  status: "flagged" | "resolved";
  resolvedAt: string | null;
}
interface WalkInList {
  items: WalkIn[];
  flagged: number;
  resolved: number;
}
type Status = "flagged" | "resolved" | "all";

/**
 * 外来人员: people sampled at a point who are not in the registry. The registry owners reveal one
 * (audited) to add or find them, then mark them done.
 */
export function WalkInsTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const lang = useLang();
  const [status, setStatus] = useState<Status>("flagged");
  const list = useApi(
    (signal) => apiGet<WalkInList>(`/campaigns/${campaign.id}/walk-ins`, { status }, signal),
    [campaign.id, status],
  );

  const reveal = async (w: WalkIn) => {
    try {
      const d = await apiSend<{ name: string; idNumber: string; phone: string | null }>(
        "POST",
        `/campaigns/${campaign.id}/walk-ins/${w.walkInId}/reveal`,
      );
      modal.info({
        title: t("campaigns.walkIns.revealTitle"),
        content: (
          <div data-testid="walk-in-details" style={{ fontSize: 16, lineHeight: 2 }}>
            <div>{d.name}</div>
            <div style={{ fontFamily: "monospace" }}>{d.idNumber}</div>
            <div>{d.phone ?? "—"}</div>
            <div style={{ color: "#627d98", fontSize: 13 }}>{t("campaigns.walkIns.revealAudited")}</div>
          </div>
        ),
      });
    } catch (error) {
      message.error(errorText(error));
    }
  };
  const resolve = async (w: WalkIn) => {
    try {
      await apiSend("POST", `/campaigns/${campaign.id}/walk-ins/${w.walkInId}/resolve`);
      message.success(t("campaigns.walkIns.resolved"));
      list.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  if (list.error) return <Alert type="error" showIcon title={errorText(list.error)} />;
  if (!list.data) return <Spin />;
  const { flagged, resolved } = list.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          data-testid="walk-ins-status"
          options={[
            { value: "flagged", label: t("campaigns.walkIns.flagged", { count: flagged }) },
            { value: "resolved", label: t("campaigns.walkIns.done", { count: resolved }) },
            { value: "all", label: t("campaigns.walkIns.all") },
          ]}
        />
        <span style={{ color: "#627d98" }}>{t("campaigns.walkIns.hint")}</span>
      </Space>
      <Table<WalkIn>
        rowKey="walkInId"
        size="middle"
        data-testid="walk-ins-table"
        dataSource={list.data.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t("campaigns.walkIns.empty") }}
        columns={[
          { title: t("campaigns.walkIns.name"), dataIndex: "name" },
          {
            title: t("campaigns.walkIns.idNumber"),
            dataIndex: "idNumberMasked",
            render: (v: string) => <code>{v}</code>,
          },
          {
            title: t("campaigns.walkIns.phone"),
            dataIndex: "phoneMasked",
            render: (v: string | null) => v ?? "—",
          },
          { title: t("campaigns.walkIns.site"), render: (_: unknown, w) => w.site.name },
          { title: t("campaigns.walkIns.at"), render: (_: unknown, w) => formatShort(w.registeredAt, lang) },
          {
            title: t("campaigns.walkIns.status"),
            render: (_: unknown, w) =>
              w.status === "flagged" ? (
                <Tag color="orange">{t("campaigns.walkIns.flaggedTag")}</Tag>
              ) : (
                <Tag color="green">{t("campaigns.walkIns.doneTag")}</Tag>
              ),
          },
          {
            title: "",
            render: (_: unknown, w) => (
              <Space>
                {can("resident.reveal") && (
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    onClick={() => void reveal(w)}
                    data-testid="walk-in-reveal"
                  >
                    {t("campaigns.walkIns.reveal")}
                  </Button>
                )}
                {w.status === "flagged" && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    onClick={() => void resolve(w)}
                    data-testid="walk-in-resolve"
                  >
                    {t("campaigns.walkIns.resolve")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
