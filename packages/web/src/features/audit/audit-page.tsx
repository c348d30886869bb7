import { Alert, Button, Card, Input, Select, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import type { HTMLAttributes } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useErrorText } from "../../app/error-text";
import { ForbiddenResult } from "../../app/forbidden-result";
import { PageTitle } from "../../app/page-title";
import { useApi } from "../../app/use-api";
import { useSession } from "../auth/session";
import { AUDIT_PAGE_SIZE, type AuditEntry, findAudit, KNOWN_ACTIONS } from "./audit-api";
import { useActionLabel } from "./use-action-label";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AuditFilters {
  action?: string;
  userId?: string;
  /** Shown in the filter chip; the server filters by id only. */
  userName?: string;
  entityId?: string;
  page: number;
}

/** Who did what to which record, newest first; click a user or a record to see only theirs. */
export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const errorText = useErrorText();
  const actionLabel = useActionLabel();
  const [params, setParams] = useSearchParams();
  const [entityError, setEntityError] = useState(false);
  const filters: AuditFilters = {
    action: params.get("action") ?? undefined,
    userId: params.get("userId") ?? undefined,
    userName: params.get("userName") ?? undefined,
    entityId: params.get("entityId") ?? undefined,
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  const key = params.toString();
  const audit = useApi(
    (signal) =>
      findAudit(
        { action: filters.action, userId: filters.userId, entityId: filters.entityId, page: filters.page },
        signal,
      ),
    [key],
  );

  if (!can("audit.read")) return <ForbiddenResult />;

  const update = (changes: Partial<AuditFilters>) => {
    const next: AuditFilters = { ...filters, page: 1, ...changes };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v && !(k === "page" && v === 1)) out.set(k, String(v));
    setParams(out);
  };

  return (
    <>
      <PageTitle title={t("audit.title")} sub={t("audit.subtitle")} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("audit.actionFilter")}
            style={{ flex: "0 1 220px", minWidth: 180 }}
            value={filters.action}
            onChange={(action?: string) => update({ action })}
            options={KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
            data-testid="audit-action-filter"
          />
          <Input.Search
            allowClear
            placeholder={t("audit.entityFilter")}
            defaultValue={filters.entityId}
            key={filters.entityId ?? ""}
            status={entityError ? "error" : undefined}
            style={{ flex: "1 1 280px", maxWidth: 420 }}
            onSearch={(value) => {
              const entityId = value.trim();
              setEntityError(entityId !== "" && !UUID.test(entityId));
              if (entityId === "" || UUID.test(entityId)) update({ entityId: entityId || undefined });
            }}
          />
          {filters.userId && (
            <Tag closable onClose={() => update({ userId: undefined, userName: undefined })}>
              {t("audit.userFilter", { name: filters.userName ?? filters.userId.slice(-8) })}
            </Tag>
          )}
        </div>
        {entityError && (
          <Typography.Text type="danger" style={{ fontSize: 13 }}>
            {t("audit.entityFilterInvalid")}
          </Typography.Text>
        )}
      </Card>
      {audit.error && (
        <Alert type="error" showIcon title={errorText(audit.error)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={audit.loading}
          dataSource={audit.data?.items ?? []}
          scroll={{ x: 900 }}
          onRow={() => ({ "data-testid": "audit-row" }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: filters.page,
            pageSize: AUDIT_PAGE_SIZE,
            total: audit.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => update({ page }),
            showTotal: (total) => t("common.total", { count: total }),
            style: { padding: "0 12px" },
          }}
          columns={[
            {
              key: "at",
              title: t("audit.at"),
              dataIndex: "at",
              width: 170,
              render: (at: string) => dayjs(at).format("YYYY-MM-DD HH:mm:ss"),
            },
            {
              key: "user",
              title: t("audit.user"),
              width: 150,
              render: (_: unknown, e) =>
                e.user ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    title={e.user.username}
                    onClick={() => update({ userId: e.user?.id, userName: e.user?.displayName })}
                  >
                    {e.user.displayName}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
                ),
            },
            {
              key: "action",
              title: t("audit.action"),
              dataIndex: "action",
              width: 160,
              render: (action: string) => (
                <Tag color={action.includes("reveal") || action.includes("export") ? "orange" : "default"}>
                  {actionLabel(action)}
                </Tag>
              ),
            },
            {
              key: "entity",
              title: t("audit.entity"),
              width: 180,
              render: (_: unknown, e) => (
                <EntityCell entry={e} onFilter={(entityId) => update({ entityId })} />
              ),
            },
            {
              key: "details",
              title: t("audit.details"),
              dataIndex: "details",
              ellipsis: true,
              render: (details: AuditEntry["details"]) =>
                Object.keys(details).length ? (
                  <Typography.Text
                    type="secondary"
                    className="mono"
                    style={{ fontSize: 12 }}
                    title={JSON.stringify(details, null, 1)}
                  >
                    {JSON.stringify(details)}
                  </Typography.Text>
                ) : (
                  ""
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}

function EntityCell({ entry, onFilter }: { entry: AuditEntry; onFilter: (entityId: string) => void }) {
  const { t, i18n } = useTranslation();
  const typeKey = `audit.entityTypes.${entry.entityType}`;
  const type = i18n.exists(typeKey) ? t(typeKey as "audit.entityTypes.resident") : entry.entityType;
  if (!entry.entityId) return <Typography.Text type="secondary">{type}</Typography.Text>;
  // UUIDv7 ids start with a timestamp, so the last characters are the ones that differ.
  const short = `…${entry.entityId.slice(-8)}`;
  return (
    <span>
      <Typography.Text type="secondary">{type}</Typography.Text>{" "}
      {entry.entityType === "resident" ? (
        <Link to={`/residents/${entry.entityId}`} className="mono">
          {short}
        </Link>
      ) : (
        <Button
          type="link"
          size="small"
          className="mono"
          style={{ padding: 0 }}
          onClick={() => entry.entityId && onFilter(entry.entityId)}
        >
          {short}
        </Button>
      )}
    </span>
  );
}
