import { UserAddOutlined } from "@ant-design/icons";
import { RESIDENT_FLAGS, type ResidentFlag } from "@shequ/core/flags";
import { Alert, Button, Card, Grid, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { PageTitle } from "../../app/page-title";
import { rowProps } from "../../app/row-props";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { ExportButtons } from "./export-buttons";
import { FlagTags } from "./flag-tags";
import { formatSex } from "./format-resident";
import { ResidentFilters, type ResidentFilterValues } from "./resident-filters";
import { findResidents, type ResidentListItem } from "./residents-api";

const PAGE_SIZE = 50;

/** Filters live in the URL, so Back, reload and a shared link all show the same list. */
function readFilters(params: URLSearchParams): ResidentFilterValues & { page: number } {
  const flags = (params.get("flags") ?? "")
    .split(",")
    .filter((f): f is ResidentFlag => (RESIDENT_FLAGS as readonly string[]).includes(f));
  const status = params.get("status");
  return {
    q: params.get("q") ?? "",
    regionId: params.get("regionId") ?? undefined,
    flags,
    status: status === "moved_out" || status === "all" ? status : "active",
    page: Math.max(1, Number(params.get("page")) || 1),
  };
}

function writeFilters(values: ResidentFilterValues & { page: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (values.q.trim()) params.set("q", values.q.trim());
  if (values.regionId) params.set("regionId", values.regionId);
  if (values.flags.length) params.set("flags", values.flags.join(","));
  if (values.status !== "active") params.set("status", values.status);
  if (values.page > 1) params.set("page", String(values.page));
  return params;
}

export function ResidentsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const key = params.toString();

  const list = useApi(
    (signal) =>
      findResidents(
        {
          q: filters.q,
          regionId: filters.regionId,
          flags: filters.flags,
          status: filters.status,
          page: filters.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [key],
  );

  const update = (changes: Partial<ResidentFilterValues & { page: number }>) => {
    setParams(writeFilters({ ...filters, page: 1, ...changes }), { replace: changes.page === undefined });
  };

  const data = list.data;
  return (
    <>
      <PageTitle
        title={t("residents.title")}
        extra={
          <>
            {can("resident.export") && <ExportButtons filters={filters} />}
            {can("resident.write") && (
              <Link to="/residents/new">
                <Button type="primary" icon={<UserAddOutlined />} data-testid="resident-new">
                  {t("residents.new")}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <ResidentFilters value={filters} onChange={update} />
      </Card>
      {list.error && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<ResidentListItem>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={data?.items ?? []}
          scroll={{ x: screens.md ? 960 : undefined }}
          locale={{ emptyText: filters.q ? t("residents.noMatch") : t("common.noData") }}
          onRow={(row) => rowProps("resident-row", () => navigate(`/residents/${row.id}`))}
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            simple: !screens.md,
            showTotal: (total) =>
              data?.totalIsLowerBound
                ? t("common.totalAtLeast", { count: total })
                : t("common.total", { count: total }),
            onChange: (page) => update({ page }),
            style: { padding: "0 12px" },
          }}
          columns={[
            {
              key: "name",
              title: t("residents.name"),
              dataIndex: "name",
              fixed: screens.md ? "left" : undefined,
              width: screens.md ? 120 : undefined,
              render: (name: string, row) => (
                <div>
                  <strong style={{ color: "#1f5fa8" }}>{name}</strong>
                  {row.status === "moved_out" && (
                    <Tag style={{ marginInlineStart: 6 }}>{t("residents.statusMovedOut")}</Tag>
                  )}
                  {!screens.md && (
                    // Phones drop the address and age columns; keep them under the name.
                    <div style={{ color: "#5b6b7f", fontSize: 12, lineHeight: 1.4 }}>
                      {[
                        formatSex(row.sex, t),
                        row.age === null ? "" : t("residents.ageYears", { count: row.age }),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                      <br />
                      {row.address}
                    </div>
                  )}
                  {!screens.md && row.flags.length > 0 && <FlagTags flags={row.flags} />}
                </div>
              ),
            },
            {
              key: "sex",
              title: t("residents.sex"),
              dataIndex: "sex",
              width: 60,
              responsive: ["md"],
              render: (sex: ResidentListItem["sex"]) => formatSex(sex, t),
            },
            { key: "age", title: t("residents.age"), dataIndex: "age", width: 60, responsive: ["md"] },
            {
              key: "idNumber",
              title: t("residents.idNumber"),
              dataIndex: "idNumberMasked",
              width: 190,
              responsive: ["sm"],
              render: (v: string) => <span className="mono">{v}</span>,
            },
            {
              key: "phone",
              title: t("residents.phone"),
              dataIndex: "phoneMasked",
              width: screens.md ? 130 : 118,
              render: (v: string | null) => <span className="mono">{v ?? "—"}</span>,
            },
            {
              key: "address",
              title: t("residents.address"),
              dataIndex: "address",
              ellipsis: true,
              responsive: ["md"],
            },
            {
              key: "flags",
              title: t("residents.flags"),
              dataIndex: "flags",
              width: 170,
              responsive: ["md"],
              render: (flags: ResidentListItem["flags"]) => <FlagTags flags={flags} />,
            },
            {
              key: "actions",
              title: t("common.actions"),
              width: 80,
              responsive: ["md"],
              render: (_: unknown, row) => (
                <Link to={`/residents/${row.id}`} onClick={(event) => event.stopPropagation()}>
                  {t("common.view")}
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
