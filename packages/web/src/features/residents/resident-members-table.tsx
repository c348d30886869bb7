import { Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { rowProps } from "../../app/row-props";
import { FlagTags } from "./flag-tags";
import { formatSex } from "./format-resident";
import type { ResidentListItem } from "./residents-api";

/** The people of one household, masked; a row opens the resident. */
export function ResidentMembersTable({
  items,
  currentId,
}: {
  items: ResidentListItem[];
  currentId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table<ResidentListItem>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={false}
      scroll={{ x: 640 }}
      locale={{ emptyText: currentId ? t("residents.noOtherMembers") : t("residents.noMembers") }}
      rowClassName={(row) => (row.id === currentId ? "ant-table-row-selected" : "")}
      onRow={(row) => rowProps("resident-row", () => navigate(`/residents/${row.id}`))}
      columns={[
        {
          key: "name",
          title: t("residents.name"),
          dataIndex: "name",
          render: (name: string, row) => (
            <span>
              <strong style={{ color: "#1f5fa8" }}>{name}</strong>
              {row.status === "moved_out" && (
                <Tag style={{ marginInlineStart: 6 }}>{t("residents.statusMovedOut")}</Tag>
              )}
            </span>
          ),
        },
        {
          key: "sex",
          title: t("residents.sex"),
          dataIndex: "sex",
          width: 64,
          render: (s) => formatSex(s, t),
        },
        { key: "age", title: t("residents.age"), dataIndex: "age", width: 64, responsive: ["sm"] },
        {
          key: "id",
          title: t("residents.idNumber"),
          dataIndex: "idNumberMasked",
          render: (v: string) => <span className="mono">{v}</span>,
        },
        {
          key: "phone",
          title: t("residents.phone"),
          dataIndex: "phoneMasked",
          render: (v: string | null) => <span className="mono">{v ?? "—"}</span>,
        },
        {
          key: "flags",
          title: t("residents.flags"),
          dataIndex: "flags",
          render: (flags: ResidentListItem["flags"]) => <FlagTags flags={flags} />,
        },
      ]}
    />
  );
}
