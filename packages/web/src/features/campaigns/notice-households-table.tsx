import { CheckOutlined, PhoneOutlined } from "@ant-design/icons";
import { Alert, App, Button, Input, Modal, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { useApi } from "../../app/use-api";
import type { Campaign } from "./campaigns-api";
import { NoticeStatusTag } from "./notice-status-tag";
import { fetchNoticeRows, type NoticeRow, type NoticeStatus, setNoticeStatus } from "./notices-api";
import { formatShort, formatSlot } from "./shanghai-time";

const PAGE_SIZE = 50;

/** Households and how far each has been told; grid workers tick 已通知 or 联系不上 after a call. */
export function NoticeHouseholdsTable(props: {
  campaign: Campaign;
  status: NoticeStatus | undefined;
  regionId: string | undefined;
  tick: number;
  canMark: boolean;
  onMarked: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const [unreachable, setUnreachable] = useState<NoticeRow | null>(null);
  const [note, setNote] = useState("");
  const { campaign, status, regionId } = props;
  const rows = useApi(
    (signal) => fetchNoticeRows(campaign.id, { status, regionId, page, pageSize: PAGE_SIZE }, signal),
    [campaign.id, status, regionId, page, props.tick],
  );

  const mark = async (row: NoticeRow, next: "notified" | "unreachable", text?: string) => {
    try {
      await setNoticeStatus(
        campaign.id,
        row.householdId,
        text ? { status: next, note: text } : { status: next },
      );
      message.success(t(`campaigns.notices.marked.${next}`, { address: row.address }));
      props.onMarked();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <>
      {rows.error && <Alert type="error" showIcon title={errorText(rows.error)} />}
      <Table<NoticeRow>
        rowKey="householdId"
        size="small"
        loading={rows.loading}
        dataSource={rows.data?.items ?? []}
        scroll={{ x: 1000 }}
        onRow={() => ({ "data-testid": "notice-row" }) as object}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: rows.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => t("common.total", { count: total }),
        }}
        columns={[
          { key: "address", title: t("campaigns.notices.address"), dataIndex: "address" },
          {
            key: "phones",
            title: t("campaigns.notices.phones"),
            dataIndex: "phones",
            width: 140,
            render: (phones: string[]) =>
              phones.length ? (
                phones.map((p) => (
                  <div key={p} className="mono">
                    {p}
                  </div>
                ))
              ) : (
                <span style={{ color: "#cf1322" }}>{t("campaigns.notices.noPhone")}</span>
              ),
          },
          {
            key: "slot",
            title: t("campaigns.notices.slot"),
            width: 200,
            render: (_: unknown, row) => (
              <div>
                {row.startsAt && row.endsAt
                  ? formatSlot(row.startsAt, row.endsAt, lang)
                  : t("campaigns.notices.homeVisit")}
                {row.site && <div style={{ color: "#5b6b7f", fontSize: 13 }}>{row.site}</div>}
              </div>
            ),
          },
          {
            key: "status",
            title: t("campaigns.notices.status"),
            dataIndex: "status",
            width: 110,
            render: (s: NoticeStatus) => <NoticeStatusTag status={s} />,
          },
          {
            key: "note",
            title: t("campaigns.notices.note"),
            render: (_: unknown, row) => (
              <div>
                {row.note ?? ""}
                {row.updatedAt && (
                  <div style={{ color: "#8a97a8", fontSize: 12 }}>{formatShort(row.updatedAt, lang)}</div>
                )}
              </div>
            ),
          },
          ...(props.canMark
            ? [
                {
                  key: "actions",
                  title: t("common.actions"),
                  width: 200,
                  render: (_: unknown, row: NoticeRow) => (
                    <div style={{ display: "flex", gap: 4 }}>
                      <Button
                        size="small"
                        icon={<CheckOutlined />}
                        disabled={row.status === "notified"}
                        onClick={() => void mark(row, "notified")}
                        data-testid="notice-mark-notified"
                      >
                        {t("campaigns.notices.markNotified")}
                      </Button>
                      <Button
                        size="small"
                        danger
                        icon={<PhoneOutlined />}
                        onClick={() => {
                          setNote("");
                          setUnreachable(row);
                        }}
                        data-testid="notice-mark-unreachable"
                      >
                        {t("campaigns.notices.markUnreachable")}
                      </Button>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {unreachable && (
        <Modal
          open
          title={t("campaigns.notices.unreachableTitle", { address: unreachable.address })}
          okText={t("campaigns.notices.markUnreachable")}
          cancelText={t("common.cancel")}
          onCancel={() => setUnreachable(null)}
          onOk={async () => {
            await mark(unreachable, "unreachable", note.trim() || undefined);
            setUnreachable(null);
          }}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t("campaigns.notices.notePlaceholder")}
          />
        </Modal>
      )}
    </>
  );
}
