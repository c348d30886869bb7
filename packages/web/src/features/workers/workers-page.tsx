import { IdcardOutlined, QrcodeOutlined, UploadOutlined, UserAddOutlined } from "@ant-design/icons";
import { WORKER_STATUSES, type WorkerStatus } from "@shequ/core/worker-schema";
import { Alert, Button, Card, Grid, Input, Segmented, Space, Table, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { useLang } from "../../app/i18n/setup-i18n";
import { PageTitle } from "../../app/page-title";
import { rowProps } from "../../app/row-props";
import { useApi } from "../../app/use-api";
import { useMe } from "../auth/session";
import { formatShort } from "../campaigns/shanghai-time";
import { RegionCascader } from "../regions/region-cascader";
import { ImportModal } from "./import-modal";
import { PosterModal } from "./poster-modal";
import { ReviewButtons } from "./review-buttons";
import { WorkerFormDrawer } from "./worker-form-drawer";
import "./workers.css";
import { AvailabilityText, QualificationTags, useSourceText, WorkerStatusTag } from "./worker-tags";
import {
  fetchVolunteerCommunity,
  getWorker,
  listWorkers,
  type WorkerDetail,
  type WorkerListItem,
} from "./workers-api";

const PAGE_SIZE = 50;

/**
 * The workforce register of a community: sign-ups waiting for approval come first, then people
 * on duty by armband number. From here a community posts its sign-up QR, imports its list,
 * adds and edits people and prints their badges. Filters live in the URL.
 */
export function WorkersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const sourceText = useSourceText();
  const [params, setParams] = useSearchParams();
  const ownCommunity = me.scope?.level === "community" ? me.scope.regionId : undefined;
  const communityId = ownCommunity ?? params.get("communityId") ?? undefined;
  const statusParam = params.get("status");
  const status = WORKER_STATUSES.includes(statusParam as WorkerStatus)
    ? (statusParam as WorkerStatus)
    : undefined;
  const q = params.get("q") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [editing, setEditing] = useState<WorkerDetail | null | undefined>();
  const [dialog, setDialog] = useState<"poster" | "import">();

  const list = useApi(
    (signal) => listWorkers({ communityId, status, q: q || undefined, page, pageSize: PAGE_SIZE }, signal),
    [communityId, status, q, page],
  );
  const community = useApi(
    async (signal) => (communityId ? fetchVolunteerCommunity(communityId, signal) : undefined),
    [communityId],
  );

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...changes })) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const open = async (id: string) => setEditing(await getWorker(id));
  const counts = list.data?.counts ?? {};
  const all = Object.values(counts).reduce((s, n) => s + n, 0);
  const needCommunity = (button: React.ReactElement) =>
    communityId ? button : <Tooltip title={t("workers.chooseCommunityFirst")}>{button}</Tooltip>;

  return (
    <>
      <PageTitle
        title={t("workers.title")}
        sub={community.data ? `${community.data.name} · ${t("workers.sub")}` : t("workers.sub")}
        extra={
          <>
            {needCommunity(
              <Button
                icon={<QrcodeOutlined />}
                disabled={!communityId}
                onClick={() => setDialog("poster")}
                data-testid="workers-poster"
              >
                {t("workers.poster")}
              </Button>,
            )}
            {needCommunity(
              <Button
                icon={<UploadOutlined />}
                disabled={!communityId}
                onClick={() => setDialog("import")}
                data-testid="workers-import"
              >
                {t("workers.import")}
              </Button>,
            )}
            {needCommunity(
              <Button
                icon={<IdcardOutlined />}
                disabled={!communityId}
                href={`/print/workers/badges?communityId=${communityId}`}
                target="_blank"
                data-testid="workers-badges"
              >
                {t("workers.printBadges")}
              </Button>,
            )}
            {needCommunity(
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                disabled={!communityId}
                onClick={() => setEditing(null)}
                data-testid="worker-new"
              >
                {t("workers.new")}
              </Button>,
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={12}>
          {!ownCommunity && (
            <RegionCascader
              leafLevel="community"
              value={communityId}
              allowClear
              placeholder={t("workers.allCommunities")}
              onChange={(id) => update({ communityId: id })}
              style={{ width: 260 }}
              testId="workers-community"
            />
          )}
          <Segmented
            value={status ?? "all"}
            onChange={(v) => update({ status: v === "all" ? undefined : String(v) })}
            data-testid="workers-status"
            options={[
              { value: "all", label: `${t("workers.statusAll")} ${all}` },
              ...WORKER_STATUSES.map((s) => ({
                value: s,
                label: `${t(`workers.status.${s}`)} ${counts[s] ?? 0}`,
              })),
            ]}
          />
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t("workers.search")}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="workers-search"
          />
        </Space>
      </Card>
      {(counts.pending ?? 0) > 0 && status !== "pending" && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="workers-pending-alert"
          title={t("workers.pendingAlert", { count: counts.pending })}
          action={
            <Button
              size="small"
              onClick={() => update({ status: "pending" })}
              data-testid="workers-show-pending"
            >
              {t("workers.showPending")}
            </Button>
          }
        />
      )}
      {list.error && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<WorkerListItem>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: screens.md ? 1100 : undefined }}
          locale={{ emptyText: q || status ? t("workers.noMatch") : t("workers.noWorkers") }}
          onRow={(row) =>
            ({ ...rowProps("worker-row", () => void open(row.id)), "data-status": row.status }) as object
          }
          // Sign-ups waiting for approval stand out at 1 am.
          rowClassName={(row) => (row.status === "pending" ? "worker-row-pending" : "")}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            simple: !screens.md,
            showTotal: (total) => t("common.total", { count: total }),
            onChange: (p) => update({ page: String(p) }),
            style: { padding: "0 12px" },
          }}
          columns={[
            {
              key: "badge",
              title: t("workers.badge"),
              dataIndex: "badgeNo",
              width: 90,
              render: (v: string | null) =>
                v ? (
                  <span className="mono" style={{ fontWeight: 600 }}>
                    {v}
                  </span>
                ) : (
                  <span style={{ color: "#bfbfbf" }}>—</span>
                ),
            },
            {
              key: "name",
              title: t("workers.name"),
              width: 170,
              render: (_: unknown, row) => (
                <div>
                  <strong style={{ color: "#1f5fa8" }}>{row.name}</strong>{" "}
                  <WorkerStatusTag status={row.status} />
                  {row.hideName && <Tag>{t("workers.hiddenName")}</Tag>}
                  {row.lentTo && (
                    <div style={{ fontSize: 12, color: "#ad6800" }}>
                      {t("workers.lentTo", { name: row.lentTo.toCommunityName })}{" "}
                      {t("workers.lentUntil", { time: formatShort(row.lentTo.endsAt, lang) })}
                    </div>
                  )}
                  {!screens.md && (
                    <div style={{ fontSize: 12, color: "#5b6b7f" }}>
                      {sourceText(row.source, row.sourceOrg)}
                    </div>
                  )}
                </div>
              ),
            },
            {
              key: "source",
              title: t("workers.source"),
              responsive: ["md"],
              width: 200,
              render: (_: unknown, row) => (
                <span>
                  {sourceText(row.source, row.sourceOrg)}
                  {row.sourceCity && <span style={{ color: "#8c8c8c" }}> · {row.sourceCity}</span>}
                  {!communityId && <div style={{ fontSize: 12, color: "#8c8c8c" }}>{row.communityName}</div>}
                </span>
              ),
            },
            {
              key: "phone",
              title: t("workers.phone"),
              dataIndex: "phoneMasked",
              width: 120,
              render: (v: string) => <span className="mono">{v}</span>,
            },
            {
              key: "qualifications",
              title: t("workers.qualifications"),
              dataIndex: "qualifications",
              responsive: ["md"],
              render: (v: string[]) => <QualificationTags values={v} />,
            },
            {
              key: "availability",
              title: t("workers.availability"),
              dataIndex: "availability",
              responsive: ["lg"],
              width: 220,
              render: (v: WorkerListItem["availability"]) => <AvailabilityText windows={v} />,
            },
            {
              key: "actions",
              title: t("common.actions"),
              width: 150,
              fixed: screens.md ? "right" : undefined,
              render: (_: unknown, row) => <ReviewButtons worker={row} onDone={list.reload} />,
            },
          ]}
        />
      </Card>
      {editing !== undefined && (
        <WorkerFormDrawer
          key={editing?.id ?? "new"}
          worker={editing}
          communityId={communityId}
          communityName={community.data?.name}
          onClose={() => setEditing(undefined)}
          onOpen={(id) => void open(id)}
          onSaved={(saved) => {
            setEditing(editing ? saved : undefined);
            list.reload();
          }}
        />
      )}
      {dialog === "poster" && communityId && (
        <PosterModal communityId={communityId} onClose={() => setDialog(undefined)} />
      )}
      {dialog === "import" && communityId && (
        <ImportModal
          communityId={communityId}
          communityName={community.data?.name ?? ""}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            list.reload();
          }}
        />
      )}
    </>
  );
}
